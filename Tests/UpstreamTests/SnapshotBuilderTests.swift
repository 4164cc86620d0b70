import APIExtraction
import APIModel
import Foundation
import GitReleases
import Testing
import _TestSupport

@testable import Upstream

struct SnapshotBuilderTests {
  static let files = [
    "vllm/__init__.py": "from vllm.engine import LLM\n__all__ = ['LLM']\n",
    "vllm/engine/__init__.py": "",
    "vllm/engine/llm.py": "class LLM:\n    def generate(self, prompts, *, n=1):\n        pass\n",
    "vllm/broken.py": "def f(:\n    pass\nclass Ok:\n    pass\n",
    "vllm/data.json": "{}",
    "vllm/README.md": "docs",
    "setup.py": "from setuptools import setup\n",
    "tests/test_llm.py": "def test(): pass\n",
  ]

  func repository() throws -> GitRepository {
    try GitRepository(at: makeGitRepo(versions: [("v0.1.0", Self.files)]))
  }

  @Test func extractsEveryPythonFileOfThePackageInModuleOrder() throws {
    let repo = try repository()
    let snapshot = try SnapshotBuilder.snapshot(repo: repo, ref: "v0.1.0", cache: nil)
    #expect(snapshot.release == "v0.1.0")
    #expect(snapshot.commit == (try repo.resolve("v0.1.0").hex))
    #expect(snapshot.modules.map(\.module) == ["vllm", "vllm.broken", "vllm.engine", "vllm.engine.llm"])
    #expect(snapshot.modules.map(\.file) == ["vllm/__init__.py", "vllm/broken.py", "vllm/engine/__init__.py", "vllm/engine/llm.py"])
    // Each module is exactly what the extractor makes of its file, diagnostics included.
    for module in snapshot.modules {
      let source = Array((Self.files[module.file] ?? "").utf8)
      #expect(module == extractModule(source: source, file: module.file))
    }
    #expect(snapshot.diagnostics == snapshot.modules.flatMap(\.diagnostics))
    #expect(try SnapshotBuilder.snapshot(repo: repo, ref: "v0.1.0", cache: nil) == snapshot)
  }

  @Test func reportsProgressUpToTheTotal() throws {
    let calls = Calls()
    _ = try SnapshotBuilder.snapshot(repo: repository(), ref: "main", cache: nil) { done, total in calls.append(done, total) }
    #expect(calls.values.map(\.0) == Array(1...4))
    #expect(calls.values.allSatisfy { $0.1 == 4 })
  }

  @Test func unknownRefIsAnError() throws {
    let error = try #require(throws: UpstreamError.self) {
      try SnapshotBuilder.snapshot(repo: repository(), ref: "v9.9", cache: nil)
    }
    #expect(error.description.contains("'v9.9'"))
  }

  @Test func cachedBlobsAreNotReadAgain() throws {
    let url = try makeGitRepo(versions: [("v0.1.0", Self.files)])
    let repo = try GitRepository(at: url)
    let cache = SurfaceCache(directory: try temporaryDirectory())
    let cold = try SnapshotBuilder.snapshot(repo: repo, ref: "v0.1.0", cache: cache)

    // Damage a blob: only a read of it would notice.
    let blob = try #require(try repo.files(at: repo.resolve("v0.1.0"), under: "vllm/").first { $0.path == "vllm/engine/llm.py" }).blob
    let object = url.appendingPathComponent("objects/\(blob.hex.prefix(2))/\(blob.hex.dropFirst(2))")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
    try Data("garbage".utf8).write(to: object)
    let damaged = try GitRepository(at: url)
    #expect(throws: UpstreamError.self) { try SnapshotBuilder.snapshot(repo: damaged, ref: "v0.1.0", cache: nil) }

    // Warm from the release pack: no blob is read.
    #expect(try SnapshotBuilder.snapshot(repo: damaged, ref: "v0.1.0", cache: cache) == cold)
  }

  @Test func theNextReleaseTakesSharedFilesFromTheLastReleasePack() throws {
    var next = Self.files
    next["vllm/engine/llm.py"] = "class LLM:\n    def generate(self, prompts):\n        pass\n"
    let url = try makeGitRepo(versions: [("v0.1.0", Self.files), ("v0.2.0", next)])
    let repo = try GitRepository(at: url)
    let expected = try SnapshotBuilder.snapshot(repo: repo, ref: "v0.2.0", cache: nil)
    let cache = SurfaceCache(directory: try temporaryDirectory())
    _ = try SnapshotBuilder.snapshot(repo: repo, ref: "v0.1.0", cache: cache)
    // A file both releases share is damaged: reading it would fail, so the next release must
    // take it from the last release's pack.
    let shared = try #require(try repo.files(at: repo.resolve("v0.2.0"), under: "vllm/").first { $0.path == "vllm/__init__.py" }).blob
    let object = url.appendingPathComponent("objects/\(shared.hex.prefix(2))/\(shared.hex.dropFirst(2))")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
    try Data("garbage".utf8).write(to: object)
    #expect(try SnapshotBuilder.snapshot(repo: GitRepository(at: url), ref: "v0.2.0", cache: cache) == expected)
  }
}

final class Calls: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [(Int, Int)] = []

  func append(_ done: Int, _ total: Int) {
    lock.lock()
    values.append((done, total))
    lock.unlock()
  }
}
