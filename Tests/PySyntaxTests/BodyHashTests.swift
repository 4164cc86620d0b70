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
    // A one-statement block on its header's line is the same program.
    #expect(surface(two)["pkg.mod.f"]?.bodyHash == surface(flat)["pkg.mod.f"]?.bodyHash)
  }

  /// Pairs a code formatter (black, ruff) may turn into each other: same program, same hash.
  @Test(arguments: [
    ("return f(a, b)", "return f(\n        a,\n        b,\n    )"),
    ("x = [1, 2]", "x = [\n        1,\n        2,\n    ]"),
    ("x = {'a': 1}", "x = {\"a\": 1,}"),
    ("return 'it\\'s'", "return \"it's\""),
    ("x = u'a'", "x = 'a'"),
    ("x = a + b", "x = (\n        a\n        + b\n    )"),
    ("return a and b", "return (a and b)"),
    ("if a and b:\n        pass", "if (\n        a and b\n    ):\n        pass"),
    ("y = x[a, b]", "y = x[a, b,]"),
    ("from m import g", "from m import (\n        g,\n    )"),
    ("assert a, 'message'", "assert a, (\n        'message'\n    )"),
    ("for i in a + b:\n        pass", "for i in (\n        a + b\n    ):\n        pass"),
    ("log('a ' 'b')", "log(\n        'a b'\n    )"),
    ("if a:\n        return 1\n    return 2", "if a: return 1\n    return 2"),
    ("def g(): ...", "def g():\n        ..."),
    ("k = f'{a}/' f'{b}'", "k = f'{a}/{b}'"),
    ("assert (a), 'm'", "assert a, 'm'"),
    ("def g():\n        return 1", "def g():\n        \"\"\"Doc.\"\"\"\n        return 1"),
  ])
  func formatterEditsKeepTheHash(_ pair: (String, String)) {
    let before = surface("def f(a, b, x):\n    \(pair.0)\n")["pkg.mod.f"]?.bodyHash
    let after = surface("def f(a, b, x):\n    \(pair.1)\n")["pkg.mod.f"]?.bodyHash
    #expect(before != nil)
    #expect(before == after)
  }

  /// Commas and parentheses that change what the code means still change the hash.
  @Test(arguments: [
    ("x = (a)", "x = (a,)"),
    ("y = x[a]", "y = x[a,]"),
    ("x = (a + b) * c", "x = a + b * c"),
    ("x = (yield)", "x = yield"),
    ("return f(a)", "return f(a)(b)"),
    ("x = 'a'", "x = b'a'"),
    ("x = 'a'", "x = f'a'"),
    ("x = a, (b)", "x = a, (b,)"),
    ("x = f(a, (b + c) * 2)", "x = f(a, b + c * 2)"),
    ("log('a', 'b')", "log('a' 'b')"),
    ("x = '{a}'", "x = f'{a}'"),
    ("x = f(a, (b), c)", "x = f(a, (b, c))"),
    ("x = b'a' b'b'", "x = b'ab' + 1"),
    ("if a:\n        b()\n        c()", "if a:\n        b()\n    c()"),
    ("if a:\n        b()\n    c()", "if a: b()\n    if c: d()"),
  ])
  func meaningfulPunctuationChangesTheHash(_ pair: (String, String)) {
    let before = surface("def f(a, b, c, x):\n    \(pair.0)\n")["pkg.mod.f"]?.bodyHash
    let after = surface("def f(a, b, c, x):\n    \(pair.1)\n")["pkg.mod.f"]?.bodyHash
    #expect(before != after)
  }

  @Test func stubBodyOnTheHeaderLineIsTheSameBody() {
    let block = surface("class A:\n    def f(self) -> int:\n        ...\n")["pkg.mod.A.f"]?.bodyHash
    let inline = surface("class A:\n    def f(self) -> int: ...\n")["pkg.mod.A.f"]?.bodyHash
    #expect(block != nil)
    #expect(block == inline)
  }

  @Test func hashIsStableHex() {
    let hash = surface("def f():\n    return 1\n")["pkg.mod.f"]?.bodyHash ?? ""
    #expect(hash.count == 16)
    #expect(hash.allSatisfy { $0.isHexDigit })
    #expect(hash == surface("def f():\n    return 1\n")["pkg.mod.f"]?.bodyHash)
  }
}
