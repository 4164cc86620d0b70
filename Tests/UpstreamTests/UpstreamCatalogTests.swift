import APIExtraction
import APIModel
import Foundation
import GitReleases
import Testing
import _TestSupport

@testable import Upstream

struct UpstreamCatalogTests {
  func makeCatalog(releases: [String] = ["v0.1.0", "v0.2.0", "v0.3.0"]) throws -> UpstreamCatalog {
    let directory = try temporaryDirectory().appendingPathComponent("upstream")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data("releases: [\(releases.joined(separator: ", "))]\n".utf8).write(to: directory.appendingPathComponent("releases.yaml"))
    return try UpstreamCatalog(directory: directory)
  }

  /// Three releases: `vllm/config` changes in v0.2.0, `vllm/engine` exists throughout.
  static func release(_ n: Int) -> (Snapshot, [String: ObjectID]) {
    let config = richSurface(marker: n >= 2 ? "2" : "1")
    let engine = richSurface(module: "vllm.engine", file: "vllm/engine.py")
    var modules = [config, engine]
    var blobs = ["vllm/config/__init__.py": blobID(n >= 2 ? 2 : 1), "vllm/engine.py": blobID(10)]
    if n == 3 {
      modules.append(ModuleSurface(module: "vllm.new", file: "vllm/new.py", symbols: []))
      blobs["vllm/new.py"] = blobID(30)
    }
    return (Snapshot(release: "v0.\(n).0", commit: String(repeating: "\(n)", count: 40), modules: modules), blobs)
  }

  @Test func roundTripsSnapshots() throws {
    let catalog = try makeCatalog()
    for n in 1...3 {
      let (snapshot, blobs) = Self.release(n)
      try catalog.write(snapshot, blobs: blobs)
    }
    #expect(catalog.releases == ["v0.1.0", "v0.2.0", "v0.3.0"])
    #expect(catalog.storedReleases == ["v0.1.0", "v0.2.0", "v0.3.0"])
    for n in 1...3 {
      #expect(try catalog.snapshot(release: "v0.\(n).0") == Self.release(n).0)
    }
    #expect(try catalog.snapshots(releases: ["v0.3.0", "v0.1.0"]) == [Self.release(3).0, Self.release(1).0])
    let reopened = try UpstreamCatalog(directory: catalog.directory)
    #expect(try reopened.snapshot(release: "v0.2.0") == Self.release(2).0)
  }

  @Test func consecutiveReleasesShareUnchangedModules() throws {
    let catalog = try makeCatalog()
    for n in 1...3 { try catalog.write(Self.release(n).0, blobs: Self.release(n).1) }
    let index = try String(contentsOf: catalog.directory.appendingPathComponent("snapshots/v0.3.0.index"), encoding: .utf8)
    #expect(index.contains("\(blobID(10).hex) v0.1.0 vllm/engine.py\n"))
    #expect(index.contains("\(blobID(2).hex) v0.2.0 vllm/config/__init__.py\n"))
    #expect(index.contains("\(blobID(30).hex) v0.3.0 vllm/new.py\n"))
    let packs = try (1...3).map { n in
      try CatalogPack.decode(Array(Data(contentsOf: catalog.directory.appendingPathComponent("snapshots/v0.\(n).0.pack"))), extractor: APIExtraction.extractorVersion)
    }
    #expect(packs.map { $0.ranges.keys.map(\.path).sorted() } == [["vllm/config/__init__.py", "vllm/engine.py"], ["vllm/config/__init__.py"], ["vllm/new.py"]])
  }

  @Test func bytesDependOnlyOnTheSnapshotsStored() throws {
    let forward = try makeCatalog()
    let backward = try makeCatalog()
    for n in [1, 2, 3] { try forward.write(Self.release(n).0, blobs: Self.release(n).1) }
    for n in [3, 1, 2, 3] { try backward.write(Self.release(n).0, blobs: Self.release(n).1) }
    let names = try FileManager.default.contentsOfDirectory(atPath: forward.directory.appendingPathComponent("snapshots").path).sorted()
    #expect(names == ["v0.1.0.index", "v0.1.0.pack", "v0.2.0.index", "v0.2.0.pack", "v0.3.0.index", "v0.3.0.pack"])
    for name in names {
      let a = try Data(contentsOf: forward.directory.appendingPathComponent("snapshots/\(name)"))
      let b = try Data(contentsOf: backward.directory.appendingPathComponent("snapshots/\(name)"))
      #expect(a == b, "\(name)")
    }
  }

  @Test func batchWriteMatchesOneByOne() throws {
    let batch = try makeCatalog()
    let single = try makeCatalog()
    try batch.write((1...3).map { Self.release($0) })
    for n in 1...3 { try single.write(Self.release(n).0, blobs: Self.release(n).1) }
    for name in ["v0.1.0", "v0.2.0", "v0.3.0"] {
      for ext in ["index", "pack"] {
        let file = "snapshots/\(name).\(ext)"
        #expect(try Data(contentsOf: batch.directory.appendingPathComponent(file)) == Data(contentsOf: single.directory.appendingPathComponent(file)))
      }
    }
  }

  @Test func surfacesOfAnotherExtractorVersionAreNotShared() throws {
    let catalog = try makeCatalog()
    try catalog.write([Self.release(1)], extractor: 7)
    try catalog.write([Self.release(2)], extractor: 8)
    let index = try String(contentsOf: catalog.directory.appendingPathComponent("snapshots/v0.2.0.index"), encoding: .utf8)
    #expect(index.contains("extractor 8\n"))
    #expect(index.contains("\(blobID(10).hex) v0.2.0 vllm/engine.py\n"))
    #expect(try catalog.snapshot(release: "v0.1.0") == Self.release(1).0)
    #expect(try catalog.snapshot(release: "v0.2.0") == Self.release(2).0)
  }

  @Test func refreshingAnOlderReleaseKeepsLaterOnesReadable() throws {
    let catalog = try makeCatalog()
    for n in 1...3 { try catalog.write(Self.release(n).0, blobs: Self.release(n).1) }
    // v0.1.0 loses vllm/engine.py, which v0.2.0 and v0.3.0 still have.
    let (old, blobs) = Self.release(1)
    let trimmed = Snapshot(release: old.release, commit: old.commit, modules: old.modules.filter { $0.file != "vllm/engine.py" })
    try catalog.write(trimmed, blobs: blobs)
    #expect(try catalog.snapshot(release: "v0.1.0") == trimmed)
    #expect(try catalog.snapshot(release: "v0.2.0") == Self.release(2).0)
    #expect(try catalog.snapshot(release: "v0.3.0") == Self.release(3).0)
  }

  @Test func aWriteInterruptedBeforeTheIndexesIsRepairedByTheNext() throws {
    let catalog = try makeCatalog()
    try catalog.write(Self.release(2).0, blobs: Self.release(2).1)
    let staleIndex = try Data(contentsOf: catalog.directory.appendingPathComponent("snapshots/v0.2.0.index"))
    // Adding v0.1.0 moves vllm/engine.py into its pack; put back the old v0.2.0 index.
    try catalog.write(Self.release(1).0, blobs: Self.release(1).1)
    try staleIndex.write(to: catalog.directory.appendingPathComponent("snapshots/v0.2.0.index"))
    #expect(throws: UpstreamError.self) { try catalog.snapshot(release: "v0.2.0") }
    try catalog.write(Self.release(3).0, blobs: Self.release(3).1)
    for n in 1...3 { #expect(try catalog.snapshot(release: "v0.\(n).0") == Self.release(n).0) }
  }

  @Test func unknownReleaseListsTheAvailableOnes() throws {
    let catalog = try makeCatalog()
    for n in 1...2 { try catalog.write(Self.release(n).0, blobs: Self.release(n).1) }
    for name in ["v9.9.9", "v0.3.0", "../v0.1.0"] {
      let error = try #require(throws: UpstreamError.self) { try catalog.snapshot(release: name) }
      #expect(error.kind == .unknownRelease(release: name, available: ["v0.1.0", "v0.2.0"], directory: catalog.directory.path))
      #expect(error.description.hasSuffix("available: v0.1.0, v0.2.0"))
    }
  }

  @Test func missingBlobAndBadNamesAreRejectedWithNothingWritten() throws {
    let catalog = try makeCatalog()
    let (snapshot, blobs) = Self.release(1)
    #expect(throws: UpstreamError.self) { try catalog.write(snapshot, blobs: blobs.filter { $0.key != "vllm/engine.py" }) }
    #expect(throws: UpstreamError.self) { try catalog.write(Snapshot(release: "../x", modules: []), blobs: [:]) }
    #expect(catalog.storedReleases.isEmpty)
  }

  @Test func corruptPackIsAnErrorNamingTheFile() throws {
    let catalog = try makeCatalog()
    try catalog.write(Self.release(1).0, blobs: Self.release(1).1)
    let pack = catalog.directory.appendingPathComponent("snapshots/v0.1.0.pack")
    var bytes = try Data(contentsOf: pack)
    bytes[bytes.count - 4] ^= 0xff
    try bytes.write(to: pack)
    let error = try #require(throws: UpstreamError.self) { try catalog.snapshot(release: "v0.1.0") }
    #expect(error.description.hasPrefix(pack.path + ": error: corrupt data"))
    try Data("vmsync.upstream-index/1\nrelease v0.1.0\n".utf8).write(to: catalog.directory.appendingPathComponent("snapshots/v0.1.0.index"))
    let indexError = try #require(throws: UpstreamError.self) { try catalog.snapshot(release: "v0.1.0") }
    #expect(indexError.description.contains("v0.1.0.index:3"))
  }

  @Test func locatesTheCatalog() throws {
    let catalog = try makeCatalog()
    let checkout = catalog.directory.deletingLastPathComponent()
    let nested = checkout.appendingPathComponent("a/b")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    let elsewhere = try temporaryDirectory()

    #expect(try UpstreamCatalog.locate(explicit: catalog.directory, environment: [:], currentDirectory: elsewhere, executable: nil) == catalog.directory)
    #expect(throws: UpstreamError.self) { try UpstreamCatalog.locate(explicit: elsewhere, environment: [:], currentDirectory: nested, executable: nil) }
    let fromEnvironment = try UpstreamCatalog.locate(
      explicit: nil, environment: ["VMSYNC_UPSTREAM": catalog.directory.path], currentDirectory: elsewhere, executable: nil)
    #expect(fromEnvironment.path == catalog.directory.path)
    #expect(try UpstreamCatalog.locate(explicit: nil, environment: [:], currentDirectory: nested, executable: nil).path == catalog.directory.path)
    let executable = checkout.appendingPathComponent(".build/debug/vmsync")
    #expect(try UpstreamCatalog.locate(explicit: nil, environment: [:], currentDirectory: elsewhere, executable: executable).path == catalog.directory.path)
    let error = try #require(throws: UpstreamError.self) {
      try UpstreamCatalog.locate(explicit: nil, environment: [:], currentDirectory: elsewhere, executable: nil)
    }
    #expect(error.kind == .notLocated)
  }
}
