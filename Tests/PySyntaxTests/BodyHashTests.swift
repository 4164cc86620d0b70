import APIExtraction
import Foundation
import APIModel
import Testing

@Suite struct BodyHashTests {
  static let original = """
    class Service:
        \"\"\"Serves.\"\"\"

        def run(self, x):
            \"\"\"Runs.\"\"\"
            total = x + 1  # add one
            return total
    """

  func hashes(_ code: String) -> (cls: String?, method: String?) {
    let s = surface(code)
    return (s["pkg.mod.Service"]?.bodyHash, s["pkg.mod.Service.run"]?.bodyHash)
  }

  @Test(arguments: [
    // Whitespace and comments.
    original.replacingOccurrences(of: "x + 1  # add one", with: "x+1"),
    original.replacingOccurrences(of: "        return total", with: "\n\n        return total"),
    // Docstring edits and removal.
    original.replacingOccurrences(of: "Runs.", with: "Runs, and keeps running."),
    original.replacingOccurrences(of: "        \"\"\"Runs.\"\"\"\n", with: ""),
    original.replacingOccurrences(of: "    \"\"\"Serves.\"\"\"\n", with: "    # Serves.\n"),
    // Signature changes are tracked elsewhere, not in the body hash.
    original.replacingOccurrences(of: "def run(self, x):", with: "def run(self, x, y=2) -> int:"),
    // Line continuations and a different indentation width.
    original.replacingOccurrences(of: "total = x + 1", with: "total = x + \\\n            1"),
  ])
  func invariantUnderCosmeticEdits(_ edited: String) {
    #expect(hashes(edited).method == hashes(BodyHashTests.original).method)
    #expect(hashes(edited).method != nil)
  }

  @Test func realEditsChangeTheHash() {
    let before = hashes(BodyHashTests.original)
    let after = hashes(BodyHashTests.original.replacingOccurrences(of: "x + 1", with: "x + 2"))
    #expect(before.method != after.method)
    #expect(before.cls != after.cls)
    let renamed = hashes(BodyHashTests.original.replacingOccurrences(of: "return total", with: "return total, x"))
    #expect(renamed.method != before.method)
  }

  @Test func indentationWidthDoesNotMatter() {
    let two = "def f(x):\n  if x:\n    return 1\n  return 2\n"
    let four = "def f(x):\n    if x:\n        return 1\n    return 2\n"
    let flat = "def f(x):\n    if x: return 1\n    return 2\n"
    #expect(surface(two)["pkg.mod.f"]?.bodyHash == surface(four)["pkg.mod.f"]?.bodyHash)
    #expect(surface(two)["pkg.mod.f"]?.bodyHash != surface(flat)["pkg.mod.f"]?.bodyHash)
  }

  @Test func hashIsStableHex() {
    let hash = surface("def f():\n    return 1\n")["pkg.mod.f"]?.bodyHash ?? ""
    #expect(hash.count == 16)
    #expect(hash.allSatisfy { $0.isHexDigit })
    #expect(hash == surface("def f():\n    return 1\n")["pkg.mod.f"]?.bodyHash)
  }
}
