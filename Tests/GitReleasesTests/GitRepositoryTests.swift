import Foundation
import Testing
import _TestSupport

@testable import GitReleases

struct GitRepositoryTests {
  static let versions: [(tag: String, files: [String: String])] = [
    ("v0.1.0", ["pkg/__init__.py": "x = 1\n", "README.md": "hi\n"]),
    ("v0.1.0.post1", ["pkg/__init__.py": "x = 2\n", "pkg/sub/mod.py": "def f(): pass\n"]),
    ("v0.2.0rc1", ["pkg/__init__.py": "x = 3\n"]),
    ("v0.2.0.dev1", ["pkg/__init__.py": "x = 4\n"]),
    ("v0.2.0", ["pkg/__init__.py": "x = 5\n", "pkg/data.json": "{}", "pkg/sub/mod.py": "def f(): pass\n"]),
    ("nightly", ["pkg/__init__.py": "x = 6\n"]),
  ]

  @Test func listsTagsAndReleaseTagsInVersionOrder() throws {
    let repo = try GitRepository(at: makeGitRepo(versions: Self.versions))
    #expect(try repo.tags() == ["nightly", "v0.1.0", "v0.1.0.post1", "v0.2.0", "v0.2.0.dev1", "v0.2.0rc1"])
    #expect(try repo.releaseTags(pattern: "v*").map(\.name) == ["v0.1.0", "v0.1.0.post1", "v0.2.0.dev1", "v0.2.0rc1", "v0.2.0"])
    #expect(try repo.releaseTags(pattern: "v0.1*").map(\.name) == ["v0.1.0", "v0.1.0.post1"])
  }

  @Test func resolvesTagsBranchesAndShas() throws {
    let repo = try GitRepository(at: makeGitRepo(versions: Self.versions))
    let tagged = try repo.resolve("v0.2.0")
    #expect(try repo.resolve("main") == (try repo.resolve("nightly")))
    #expect(try repo.resolve(tagged.hex) == tagged)
    #expect(try repo.resolve(String(tagged.hex.prefix(10))) == tagged)
    #expect(try repo.resolve("refs/tags/v0.2.0") == tagged)
    #expect(tagged != (try repo.resolve("v0.1.0")))
  }

  @Test func missingRefIsAOneLineErrorNamingRefAndRepository() throws {
    let url = try makeGitRepo(versions: Self.versions)
    let repo = try GitRepository(at: url)
    let error = try #require(throws: GitError.self) { try repo.resolve("v9.9.9") }
    #expect(error.kind == .missingRef(ref: "v9.9.9", repository: url.path))
    #expect(error.description.contains("v9.9.9") && error.description.contains(url.path))
    #expect(!error.description.contains("\n"))
  }

  @Test func opensARepositoryWithAWorkTree() throws {
    let work = try temporaryDirectory()
    try makeGitRepo(at: work.appendingPathComponent(".git"), versions: [("v1.0", ["a.py": "a = 1\n"])])
    let repo = try GitRepository(at: work)
    #expect(try repo.files(at: repo.resolve("v1.0")).map(\.path) == ["a.py"])
  }

  @Test func missingRepositoryNamesThePath() throws {
    let url = try temporaryDirectory().appendingPathComponent("absent.git")
    let error = try #require(throws: GitError.self) { try GitRepository(at: url) }
    #expect(error.kind == .notFound(path: url.path))
    let empty = try temporaryDirectory()
    #expect(throws: GitError.self) { try GitRepository(at: empty) }
  }

  @Test func readsFilesUnderAPrefixAndTheirBlobs() throws {
    let repo = try GitRepository(at: makeGitRepo(versions: Self.versions))
    let commit = try repo.resolve("v0.2.0")
    let files = try repo.files(at: commit, under: "pkg/")
    #expect(files.map(\.path) == ["pkg/__init__.py", "pkg/sub/mod.py"])
    #expect(try repo.blob(files[0].blob) == Array("x = 5\n".utf8))
    let everything = try repo.files(at: commit, extensions: [])
    #expect(everything.map(\.path) == ["pkg/__init__.py", "pkg/data.json", "pkg/sub/mod.py"])
    // Unchanged content keeps its blob id across releases.
    let old = try repo.files(at: repo.resolve("v0.1.0.post1"), under: "pkg")
    #expect(old.last == files.last)
    let error = try #require(throws: GitError.self) { try repo.files(at: commit, under: "vllm/") }
    #expect(error.description.contains("vllm/"))
  }

  @Test func readsBlobsFromManyThreadsAtOnce() throws {
    var files: [String: String] = [:]
    for i in 0..<200 { files["pkg/m\(i).py"] = String(repeating: "v\(i) = \(i)\n", count: i + 1) }
    let repo = try GitRepository(at: makeGitRepo(versions: [("v1.0", files)]))
    let list = try repo.files(at: repo.resolve("v1.0"), under: "pkg")
    let results = Results(count: list.count)
    DispatchQueue.concurrentPerform(iterations: list.count) { i in
      results.set(i, try? repo.blob(list[i].blob))
    }
    for (i, file) in list.enumerated() {
      #expect(results.values[i].map { String(decoding: $0, as: UTF8.self) } == files[file.path])
    }
  }

  @Test func corruptObjectIsAnErrorNamingObjectAndRepository() throws {
    let url = try makeGitRepo(versions: [("v1.0", ["pkg/a.py": "a = 1\n"])])
    let repo = try GitRepository(at: url)
    let file = try #require(try repo.files(at: repo.resolve("v1.0"), under: "pkg").first)
    let hex = file.blob.hex
    let object = url.appendingPathComponent("objects/\(hex.prefix(2))/\(hex.dropFirst(2))")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
    try Data("not zlib at all".utf8).write(to: object)
    let fresh = try GitRepository(at: url)
    let error = try #require(throws: GitError.self) { try fresh.blob(file.blob) }
    #expect(error.description.contains(hex) && error.description.contains(url.path))
    #expect(!error.description.contains("\n"))
  }

  @Test func corruptTreeIsAnErrorNotACrash() throws {
    let url = try makeGitRepo(versions: [("v1.0", ["pkg/a.py": "a = 1\n"])])
    let repo = try GitRepository(at: url)
    let commit = try repo.resolve("v1.0")
    // Replace every loose tree with a valid zlib stream of garbage.
    let objects = url.appendingPathComponent("objects")
    for dir in try FileManager.default.contentsOfDirectory(atPath: objects.path) where dir.count == 2 {
      for name in try FileManager.default.contentsOfDirectory(atPath: objects.appendingPathComponent(dir).path) {
        guard let id = ObjectID(hex: dir + name), id != commit, (try? repo.blob(id)) == nil else { continue }
        let path = objects.appendingPathComponent("\(dir)/\(name)")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path.path)
        try Data([0x78, 0x01, 0x01, 0x03, 0x00, 0xfc, 0xff, 0x61, 0x62, 0x63, 0x02, 0x4d, 0x01, 0x27]).write(to: path)
      }
    }
    let fresh = try GitRepository(at: url)
    #expect(throws: GitError.self) { try fresh.files(at: commit, under: "pkg") }
  }

  @Test func corruptRepositoryFailsToOpen() throws {
    let url = try makeGitRepo(versions: [("v1.0", ["a.py": ""])])
    try FileManager.default.removeItem(at: url.appendingPathComponent("objects"))
    try Data("garbage".utf8).write(to: url.appendingPathComponent("HEAD"))
    let error = try #require(throws: GitError.self) { try GitRepository(at: url) }
    #expect(error.description.contains(url.path))
  }

  @Test func objectIDRoundTripsHex() throws {
    let hex = "0123456789abcdef0123456789abcdef01234567"
    let id = try #require(ObjectID(hex: hex.uppercased()))
    #expect(id.hex == hex)
    #expect(ObjectID(bytes: id.bytes) == id)
    #expect(ObjectID(hex: "xyz") == nil)
    #expect(ObjectID(hex: String(hex.dropLast()) + "g") == nil)
  }
}

/// A fixed-size array written from several threads, one index each.
final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [[UInt8]?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: [UInt8]?) {
    lock.lock()
    values[i] = value
    lock.unlock()
  }
}
