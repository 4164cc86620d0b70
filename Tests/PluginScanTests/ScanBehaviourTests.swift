import APIModel
import Foundation
import PluginScan
import Testing
import _TestSupport

@Suite struct ScanBehaviourTests {
  @Test func unparseableAndNonUTF8FilesAreReportedAndSkipped() throws {
    var badBytes = Array("import vllm.x\nvllm.x.a = 1\n".utf8)
    badBytes.append(0xFF)
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("pkg"), withIntermediateDirectories: true)
    try Data("import vllm.x\nvllm.x.a = (1,\n".utf8).write(to: root.appendingPathComponent("pkg/broken.py"))
    try Data(badBytes).write(to: root.appendingPathComponent("pkg/latin.py"))
    try Data("import vllm.x\nvllm.x.b = 2\n".utf8).write(to: root.appendingPathComponent("pkg/good.py"))
    let result = try PluginScanner.scan(root: root, package: "pkg")
    #expect(summary(result.references) == ["2 replace vllm.x.b <- - (assign)"])
    #expect(result.diagnostics.map { "\($0.location.file):\($0.location.line)" } == ["pkg/broken.py:2", "pkg/latin.py:3"])
    #expect(result.diagnostics.allSatisfy { $0.severity == .error && $0.message.hasSuffix("; the file was skipped") })
    #expect(result.diagnostics[1].message.contains("UTF-8"))
  }

  @Test func missingPackageDirectoryThrows() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(throws: ScanError.notADirectory(path: root.appendingPathComponent("nope").path)) {
      try PluginScanner.scan(root: root, package: "nope")
    }
  }

  @Test func outputIsDeterministicAndOrdered() throws {
    var files: [String: String] = ["pkg/__init__.py": "import vllm.a\nvllm.a.x = 1\n"]
    for k in 0..<40 {
      files["pkg/m\(k).py"] = "from vllm.config import C\nimport vllm.b\nvllm.b.y\(k) = C(\(k))\n"
    }
    let first = try scanFixture(files)
    let second = try scanFixture(files)
    #expect(first == second)
    let inMemory = PluginScanner.scan(
      files: files.map { (path: $0.key, source: Array($0.value.utf8)) }, package: "pkg")
    #expect(inMemory == first)
    let keys = first.references.map { ($0.location.file, $0.location.line) }
    #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(first.references.count == 2 + 40 * 4)
  }

  @Test func progressReportsEveryFile() throws {
    let root = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("pkg/sub"), withIntermediateDirectories: true)
    for name in ["a.py", "b.py", "sub/c.py", "notes.txt"] {
      try Data("x = 1\n".utf8).write(to: root.appendingPathComponent("pkg/" + name))
    }
    let seen = Counter()
    _ = try PluginScanner.scan(root: root, package: "pkg") { done, total in seen.record(done, total) }
    #expect(seen.calls == 3)
    #expect(seen.maximum == 3)
  }
}

private final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var calls = 0
  private(set) var maximum = 0
  func record(_ done: Int, _ total: Int) {
    lock.lock()
    calls += 1
    maximum = max(maximum, done)
    precondition(total == 3)
    lock.unlock()
  }
}

@Suite struct ScanRobustnessTests {
  static let sample = """
    import sys, vllm.x as vx
    from vllm.config import (A, B as C)
    from . import helpers
    if vllm_version_is("0.9") and not flag:
        @patch("vllm.x", "A.f")
        class P(A, metaclass=M):
            def f(self, *a, k=vx.g(1), **kw) -> C:
                super().f(*a, **kw); vx.A.f = staticmethod(lambda q=1: q)
                sys.modules["vllm.y"] = f"{vx.h(2)!r:>{w}}"
    elif vx.__version__ >= "1.0":
        setattr(A, "g", wrap(A.g))
    else:
        match x:
            case [1, *rest]:
                update_modules(name="vllm.z", module=helpers)
    """

  @Test func everyPrefixOfASourceScansWithoutCrashing() {
    let bytes = Array(Self.sample.utf8)
    var scanned = 0
    for end in 0...bytes.count {
      let result = PluginScanner.scan(files: [(path: "pkg/mod.py", source: Array(bytes[..<end]))], package: "pkg")
      if result.diagnostics.isEmpty { scanned += 1 }
    }
    #expect(scanned > 10)
    let whole = PluginScanner.scan(files: [(path: "pkg/mod.py", source: bytes)], package: "pkg")
    #expect(whole.diagnostics.isEmpty)
    #expect(Set(whole.references.map(\.kind)) == Set(ReferenceKind.allCases))
  }
}
