import Foundation
import Testing
import ZIPFoundation
import _TestSupport

@testable import GitReleases

struct UpstreamImporterTests {
  static let longName = "vllm-0.12.0/vllm/" + String(repeating: "deep/", count: 25) + "module.py"

  static let sdistMembers = [
    TarMember(name: "vllm-0.12.0/", kind: .directory),
    TarMember(name: "vllm-0.12.0/vllm/__init__.py", content: "__version__ = '0.12.0'\n"),
    TarMember(name: "vllm-0.12.0/vllm/entrypoints/cli.py", content: "def main(): ...\n", mode: 0o755),
    TarMember(name: "vllm-0.12.0/vllm/alias.py", kind: .symlink, link: "entrypoints/cli.py"),
    TarMember(name: "vllm-0.12.0/vllm/copy.py", kind: .hardLink, link: "vllm-0.12.0/vllm/__init__.py"),
    TarMember(name: longName, content: "X = 1\n"),
    TarMember(name: "vllm-0.12.0/empty/", kind: .directory),
  ]

  func write(_ bytes: [UInt8], named name: String) throws -> URL {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  @Test(arguments: [false, true])
  func importsAnSdistStrippingItsTopDirectory(gnuLongNames: Bool) throws {
    let sdist = try write(gzip(tar(Self.sdistMembers, gnu: gnuLongNames)), named: "vllm-0.12.0.tar.gz")
    let repoURL = try temporaryDirectory().appendingPathComponent("new/releases.git")
    let commit = try UpstreamImporter.importSource(sdist, tag: "v0.12.0", into: repoURL, message: "vLLM 0.12.0")
    let repo = try GitRepository(at: repoURL)
    #expect(try repo.resolve("v0.12.0") == commit)
    #expect(try repo.resolve("main") == commit)
    let files = try repo.files(at: commit, extensions: [])
    #expect(files.map(\.path) == ["vllm/__init__.py", String(Self.longName.dropFirst(12)), "vllm/entrypoints/cli.py", "vllm/copy.py"].sorted())
    let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0.blob) })
    #expect(byPath["vllm/copy.py"] == byPath["vllm/__init__.py"])
    #expect(try repo.blob(#require(byPath["vllm/entrypoints/cli.py"])) == Array("def main(): ...\n".utf8))
  }

  @Test func importsAWheelAndADirectoryOnTopOfMain() throws {
    let root = try temporaryDirectory()
    let wheelURL = root.appendingPathComponent("vllm-0.13.0-py3-none-any.whl")
    let archive = try Archive(url: wheelURL, accessMode: .create)
    for (path, text) in [("vllm/__init__.py", "A = 1\n"), ("vllm/config.py", "class C: ...\n"), ("vllm-0.13.0.dist-info/METADATA", "Name: vllm\n")] {
      let data = Data(text.utf8)
      try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
        position, size in data.subdata(in: Int(position)..<Int(position) + size)
      }
    }
    let directory = root.appendingPathComponent("tree")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("vllm/.git"), withIntermediateDirectories: true)
    try Data("B = 2\n".utf8).write(to: directory.appendingPathComponent("vllm/__init__.py"))
    try Data("ignored".utf8).write(to: directory.appendingPathComponent("vllm/.git/config"))

    let repoURL = root.appendingPathComponent("repo.git")
    let first = try UpstreamImporter.importSource(wheelURL, tag: "v0.13.0", into: repoURL, message: "wheel")
    let second = try UpstreamImporter.importSource(directory, tag: "v0.14.0", into: repoURL, message: "dir")
    let repo = try GitRepository(at: repoURL)
    #expect(try repo.files(at: first, extensions: []).map(\.path) == ["vllm-0.13.0.dist-info/METADATA", "vllm/__init__.py", "vllm/config.py"])
    #expect(try repo.files(at: second, extensions: []).map(\.path) == ["vllm/__init__.py"])
    #expect(try repo.resolve("main") == second)
    #expect(try repo.resolve("main~1") == first)
    #expect(try repo.releaseTags(pattern: "v*").map(\.name) == ["v0.13.0", "v0.14.0"])
  }

  @Test func existingTagIsNotOverwritten() throws {
    let url = try makeGitRepo(versions: [("v1.0", ["a.py": "a\n"])])
    let before = try GitRepository(at: url).resolve("v1.0")
    let dir = try temporaryDirectory()
    try Data("b\n".utf8).write(to: dir.appendingPathComponent("b.py"))
    let error = try #require(throws: UpstreamImportError.self) {
      try UpstreamImporter.importSource(dir, tag: "v1.0", into: url, message: "again")
    }
    #expect(error.kind == .tagExists(tag: "v1.0", repository: url.path))
    #expect(try GitRepository(at: url).resolve("v1.0") == before)
    #expect(try GitRepository(at: url).resolve("main") == before)
  }

  struct HostileCase: Sendable, CustomTestStringConvertible {
    var label: String
    var members: [TarMember]
    var culprit: String
    var testDescription: String { label }
  }

  @Test(arguments: [
    HostileCase(label: "absolute path", members: [TarMember(name: "/etc/passwd", content: "x")], culprit: "/etc/passwd"),
    HostileCase(label: "dot-dot", members: [TarMember(name: "top/../../evil.py", content: "x")], culprit: "top/../../evil.py"),
    HostileCase(
      label: "escaping symlink", members: [TarMember(name: "top/vllm/link", kind: .symlink, link: "../../../etc")],
      culprit: "top/vllm/link"),
    HostileCase(
      label: "absolute symlink", members: [TarMember(name: "top/link", kind: .symlink, link: "/etc/passwd")],
      culprit: "top/link"),
    HostileCase(
      label: "symlink through symlink",
      members: [
        TarMember(name: "top/a/b/up", kind: .symlink, link: "../.."),
        TarMember(name: "top/escape", kind: .symlink, link: "a/b/up/.."),
      ], culprit: "top/escape"),
    HostileCase(
      label: "write through symlink",
      members: [
        TarMember(name: "top/dir", kind: .symlink, link: "sub"),
        TarMember(name: "top/dir/x.py", content: "x"),
      ], culprit: "top/dir/x.py"),
    HostileCase(
      label: "two top directories",
      members: [TarMember(name: "a/x.py", content: "x"), TarMember(name: "b/y.py", content: "y")], culprit: "b/y.py"),
  ])
  func hostileSdistIsRejectedWithNothingWritten(_ c: HostileCase) throws {
    let existing = try makeGitRepo(versions: [("v1.0", ["a.py": "a\n"])])
    let head = try GitRepository(at: existing).resolve("main")
    let sdist = try write(gzip(tar(c.members + [TarMember(name: "top/ok.py", content: "ok")])), named: "bad.tar.gz")
    let error = try #require(throws: UpstreamImportError.self) {
      try UpstreamImporter.importSource(sdist, tag: "v2.0", into: existing, message: "bad")
    }
    guard case .unsafeMember(let source, let member, _) = error.kind else {
      Issue.record("unexpected \(error)")
      return
    }
    #expect(source == sdist.path && member == c.culprit)
    #expect(error.description.hasPrefix(sdist.path + ": error: member '\(c.culprit)'"))
    let repo = try GitRepository(at: existing)
    #expect(try repo.tags() == ["v1.0"])
    #expect(try repo.resolve("main") == head)

    let fresh = try temporaryDirectory().appendingPathComponent("fresh.git")
    #expect(throws: UpstreamImportError.self) { try UpstreamImporter.importSource(sdist, tag: "v2.0", into: fresh, message: "bad") }
    #expect(!FileManager.default.fileExists(atPath: fresh.path))
  }

  @Test func truncatedOrCorruptArchivesAreRejected() throws {
    let good = gzip(tar(Self.sdistMembers))
    let fresh = try temporaryDirectory().appendingPathComponent("fresh.git")
    for (name, bytes) in [
      ("truncated.tar.gz", Array(good.prefix(good.count / 2))),
      ("garbage.tar.gz", Array("definitely not gzip".utf8)),
      ("cut-tar.tar.gz", gzip(Array(tar(Self.sdistMembers).prefix(700)))),
    ] {
      let url = try write(bytes, named: name)
      let error = try #require(throws: UpstreamImportError.self) {
        try UpstreamImporter.importSource(url, tag: "v1", into: fresh, message: "m")
      }
      #expect(error.description.hasPrefix(url.path + ": error: corrupt archive"), "\(error)")
      #expect(!error.description.contains("\n"))
    }
    let zip = try write(Array("PK not really".utf8), named: "bad.whl")
    #expect(throws: UpstreamImportError.self) { try UpstreamImporter.importSource(zip, tag: "v1", into: fresh, message: "m") }
    #expect(!FileManager.default.fileExists(atPath: fresh.path))
  }

  @Test func hostileWheelIsRejected() throws {
    let url = try temporaryDirectory().appendingPathComponent("evil.whl")
    let archive = try Archive(url: url, accessMode: .create)
    let data = Data("x".utf8)
    try archive.addEntry(with: "../evil.py", type: .file, uncompressedSize: Int64(data.count)) { _, _ in data }
    let error = try #require(throws: UpstreamImportError.self) {
      try UpstreamImporter.importSource(url, tag: "v1", into: temporaryDirectory().appendingPathComponent("r.git"), message: "m")
    }
    #expect(error.kind == .unsafeMember(source: url.path, member: "../evil.py", reason: "'..' in path"))
  }

  @Test func directoryWithEscapingSymlinkIsRejected() throws {
    let dir = try temporaryDirectory()
    try Data("a\n".utf8).write(to: dir.appendingPathComponent("a.py"))
    try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("out").path, withDestinationPath: "../..")
    let error = try #require(throws: UpstreamImportError.self) {
      try UpstreamImporter.importSource(dir, tag: "v1", into: temporaryDirectory().appendingPathComponent("r.git"), message: "m")
    }
    #expect(error.description.contains("'out'"))
  }
}

struct TarReaderTests {
  @Test func damagedArchivesThrowAndNeverCrash() {
    let good = tar(UpstreamImporterTests.sdistMembers)
    var generator = SystemRandomNumberGenerator()
    // Cut anywhere before the end-of-archive blocks.
    for length in stride(from: 0, to: good.count - 1024, by: 37) {
      #expect(throws: TarReader.Failure.self) { try TarReader(Array(good.prefix(length))).members() }
    }
    for _ in 0..<3000 {
      var damaged = good
      for _ in 0..<Int.random(in: 1...4, using: &generator) {
        damaged[Int.random(in: 0..<min(damaged.count, 2048), using: &generator)] = UInt8.random(in: 0...255, using: &generator)
      }
      if let members = try? TarReader(damaged).members() {
        _ = try? SourceTree(members, source: "fuzz.tar.gz", stripTopDirectory: true)
      }
    }
  }

  @Test func readsPaxPathsAndSizes() throws {
    let members = try TarReader(tar(UpstreamImporterTests.sdistMembers)).members()
    #expect(members.map(\.path).contains(UpstreamImporterTests.longName))
    #expect(members.count == UpstreamImporterTests.sdistMembers.count)
  }
}
