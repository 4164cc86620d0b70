import Foundation
@testable import SurfaceValidation
import Testing

@Suite struct SurfaceValidatorTests {
  static let pythonAvailable = SurfaceValidator().isPythonAvailable

  /// Writes `files` into a fresh temporary directory.
  func tree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-tree-\(UUID().uuidString)")
    for (path, code) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(code.utf8).write(to: url)
    }
    return root
  }

  @Test(.enabled(if: pythonAvailable, "python3 is not available"))
  func agreesWithAstOnASmallPackage() throws {
    let root = try tree([
      "pkg/__init__.py": "from .core import Engine as Engine\n__all__ = ['Engine']\n",
      "pkg/core.py": """
        import os.path
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from .other import Thing
        DEFAULTS = {
            "a": 1,  # comment
            "b": (2, 3),
        }
        @dataclass
        class Engine(Base, metaclass=Meta):
            size: int = 4
            def run(self, x: int, /, y=lambda a, b: a, *args, z: "Thing" = None, **kw) -> (
                    list[int]):
                def inner(): pass
                return [x]
        """,
      "pkg/broken.py": "def f(:\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let files = SurfaceValidator.pythonFiles(under: root)
    #expect(files == ["pkg/__init__.py", "pkg/broken.py", "pkg/core.py"])
    let report = try SurfaceValidator().validate(root: root, files: files)
    #expect(report.filesCompared == 2)
    #expect(report.oracleRejected.count == 1)
    #expect(report.oracleRejected.first?.hasPrefix("pkg/broken.py") == true)
    for field in report.fields {
      #expect(field.rate == 1, "\(field.field): \(field.samples)")
    }
    #expect(report.agreement("param kinds")?.compared == 1)
    #expect(report.agreement("symbols found")?.compared == 9)
    #expect(report.render().contains("param names"))
  }

  @Test(.enabled(if: pythonAvailable, "python3 is not available"))
  func agreesOnFilesOfAnotherDeclaredEncoding() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-tree-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    try Data(Array("# coding: latin-1\nX = '".utf8) + [0xE9] + Array("'\n".utf8))
      .write(to: root.appendingPathComponent("enc.py"))
    let report = try SurfaceValidator().validate(root: root, files: ["enc.py"])
    let values = try #require(report.agreement("attribute values"))
    #expect(values.compared == 1)
    #expect(values.agreed == 1)
  }

  @Test func reportsDisagreementsWithSamples() {
    var comparison = SurfaceComparison()
    comparison.record("attribute values", true, "")
    comparison.record("attribute values", false, "enc.py:2: enc.X: ours 'a', ast 'b'")
    let report = comparison.report(fileCount: 1)
    let values = report.agreement("attribute values")
    #expect(values?.compared == 2)
    #expect(values?.agreed == 1)
    #expect(values?.samples == ["enc.py:2: enc.X: ours 'a', ast 'b'"])
    #expect(report.render().contains("disagreements in attribute values"))
  }

  @Test func missingInterpreterIsAClearError() {
    let validator = SurfaceValidator(python: "python3-that-does-not-exist")
    #expect(!validator.isPythonAvailable)
    #expect(throws: ValidationError.self) {
      try validator.validate(root: URL(fileURLWithPath: "/tmp"), files: [])
    }
  }

  @Test(.enabled(if: pythonAvailable && LocalStdlib.root != nil, "no python3 or standard library"))
  func agreesWithAstOnTheStandardLibrary() throws {
    let root = try #require(LocalStdlib.root)
    let report = try SurfaceValidator().validate(root: root, files: LocalStdlib.files(under: root))
    #expect(report.filesCompared > 500)
    for field in ["symbols found", "no extra symbols", "kind", "line", "param names", "param kinds",
                  "defaults", "annotations", "returns", "bases", "decorators", "alias targets", "exports",
                  "attribute values", "star imports"] {
      let agreement = try #require(report.agreement(field))
      #expect(agreement.rate == 1, "\(field): \(agreement.samples)")
    }
  }
}
