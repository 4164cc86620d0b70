import APIModel
import Foundation
import GitReleases
import Testing
import _TestSupport

@testable import Upstream

struct SurfaceCacheTests {
  @Test func missThenHitKeyedByBlobAndPath() throws {
    let cache = SurfaceCache(directory: try temporaryDirectory())
    let surface = richSurface()
    #expect(cache.surface(blob: blobID(1), file: surface.file) == nil)
    cache.store(surface, blob: blobID(1))
    #expect(cache.surface(blob: blobID(1), file: surface.file) == surface)
    // The same content at another path is another module: no hit.
    #expect(cache.surface(blob: blobID(1), file: "vllm/other/__init__.py") == nil)
    #expect(cache.surface(blob: blobID(2), file: surface.file) == nil)
  }

  @Test func anotherExtractorVersionMisses() throws {
    let directory = try temporaryDirectory()
    SurfaceCache(directory: directory, extractorVersion: 1).store(richSurface(), blob: blobID(1))
    #expect(SurfaceCache(directory: directory, extractorVersion: 2).surface(blob: blobID(1), file: richSurface().file) == nil)
    #expect(SurfaceCache(directory: directory, extractorVersion: 1).surface(blob: blobID(1), file: richSurface().file) == richSurface())
  }

  @Test func corruptEntriesAreMissesAndGetRebuilt() throws {
    let cache = SurfaceCache(directory: try temporaryDirectory())
    let surface = richSurface()
    cache.store(surface, blob: blobID(1))
    let url = cache.entryURL(blob: blobID(1), file: surface.file)
    let good = try Data(contentsOf: url)
    for damaged in [Data(), Data("garbage".utf8), good.prefix(good.count - 3), good + Data([0]), flipped(good, at: good.count - 5)] {
      try damaged.write(to: url)
      #expect(cache.surface(blob: blobID(1), file: surface.file) == nil)
    }
    cache.store(surface, blob: blobID(1))
    #expect(cache.surface(blob: blobID(1), file: surface.file) == surface)
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
    for i in 0..<5 { cache.store(richSurface(marker: "\(i)"), blob: blobID(i)) }
    let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
    #expect(!files.contains { $0.hasSuffix(".tmp") })
  }

  private func flipped(_ data: Data, at i: Int) -> Data {
    var copy = data
    copy[i] ^= 0x40
    return copy
  }
}
