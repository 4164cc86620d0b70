import APIModel
import Foundation
import GitReleases
import Testing
import _TestSupport

@testable import Upstream

struct SurfaceCacheTests {
  private func files(_ markers: [String]) -> [(blob: ObjectID, surface: ModuleSurface)] {
    markers.enumerated().map { (blobID($0.offset), richSurface(file: "vllm/m\($0.offset)/__init__.py", marker: $0.element)) }
  }

  @Test func missThenHitKeyedByCommitAndPackageRoot() throws {
    let cache = SurfaceCache(directory: try temporaryDirectory())
    #expect(cache.release(commit: blobID(7), packageRoot: "vllm/") == nil)
    cache.storeRelease(commit: blobID(7), packageRoot: "vllm/", files: files(["a", "b"]))
    let loaded = try #require(cache.release(commit: blobID(7), packageRoot: "vllm/"))
    #expect(loaded.map(\.blob) == files(["a", "b"]).map(\.blob))
    #expect(loaded.map(\.surface) == files(["a", "b"]).map(\.surface))
    #expect(cache.release(commit: blobID(8), packageRoot: "vllm/") == nil)
    #expect(cache.release(commit: blobID(7), packageRoot: "other/") == nil)
  }

  @Test func anotherExtractorVersionMisses() throws {
    let directory = try temporaryDirectory()
    SurfaceCache(directory: directory, extractorVersion: 1).storeRelease(commit: blobID(7), packageRoot: "vllm/", files: files(["a"]))
    #expect(SurfaceCache(directory: directory, extractorVersion: 2).release(commit: blobID(7), packageRoot: "vllm/") == nil)
    #expect(SurfaceCache(directory: directory, extractorVersion: 1).release(commit: blobID(7), packageRoot: "vllm/")?.count == 1)
  }

  @Test func corruptPacksAreMisses() throws {
    let cache = SurfaceCache(directory: try temporaryDirectory())
    cache.storeRelease(commit: blobID(7), packageRoot: "vllm/", files: files(["a", "b"]))
    let url = cache.releaseURL(commit: blobID(7), packageRoot: "vllm/")
    let good = try Data(contentsOf: url)
    for damaged in [Data(), Data("garbage".utf8), good.prefix(good.count - 3), good + Data([0]), flipped(good, at: good.count - 5)] {
      try damaged.write(to: url)
      #expect(cache.release(commit: blobID(7), packageRoot: "vllm/") == nil)
    }
  }

  @Test func latestReleaseIsTheNewestOtherPackOfTheSameRoot() throws {
    let cache = SurfaceCache(directory: try temporaryDirectory())
    #expect(cache.latestRelease(otherThan: blobID(9), packageRoot: "vllm/") == nil)
    cache.storeRelease(commit: blobID(1), packageRoot: "vllm/", files: files(["old"]))
    cache.storeRelease(commit: blobID(2), packageRoot: "vllm/", files: files(["new", "newer"]))
    cache.storeRelease(commit: blobID(3), packageRoot: "other/", files: files(["x", "y", "z"]))
    let past = Date(timeIntervalSinceNow: -3600)
    try FileManager.default.setAttributes(
      [.modificationDate: past], ofItemAtPath: cache.releaseURL(commit: blobID(1), packageRoot: "vllm/").path)
    #expect(cache.latestRelease(otherThan: blobID(9), packageRoot: "vllm/")?.count == 2)
    // A release's own pack is not its predecessor.
    #expect(cache.latestRelease(otherThan: blobID(2), packageRoot: "vllm/")?.count == 1)
  }

  @Test func corruptReleasePackIsRebuiltBySnapshotBuilder() throws {
    let repo = try GitRepository(at: makeGitRepo(versions: [("v1", ["vllm/a.py": "A = 1\n", "vllm/b.py": "B = 2\n"])]))
    let cache = SurfaceCache(directory: try temporaryDirectory())
    let first = try SnapshotBuilder.snapshot(repo: repo, ref: "v1", cache: cache)
    let pack = cache.releaseURL(commit: try repo.resolve("v1"), packageRoot: "vllm/")
    let good = try Data(contentsOf: pack)
    try flipped(good, at: good.count / 2).write(to: pack)
    #expect(cache.release(commit: try repo.resolve("v1"), packageRoot: "vllm/") == nil)
    #expect(try SnapshotBuilder.snapshot(repo: repo, ref: "v1", cache: cache) == first)
    #expect(try Data(contentsOf: pack) == good)
  }

  @Test func writesLeaveNoTemporaryFiles() throws {
    let directory = try temporaryDirectory()
    let cache = SurfaceCache(directory: directory)
    for i in 0..<5 { cache.storeRelease(commit: blobID(i), packageRoot: "vllm/", files: files(["\(i)"])) }
    let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
    #expect(files.filter { $0.hasSuffix(".pack") }.count == 5)
    #expect(!files.contains { $0.hasSuffix(".tmp") })
  }

  private func flipped(_ data: Data, at i: Int) -> Data {
    var copy = data
    copy[i] ^= 0x40
    return copy
  }
}
