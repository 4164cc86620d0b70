import APIExtraction
import APIModel
import Testing

@Suite struct DiagnosticTests {
  func diagnostics(_ code: String) -> [String] {
    surface(code).diagnostics.map(\.description)
  }

  @Test func unterminatedStringIsReportedAndTheRestIsRead() {
    let s = surface("A = 1\nB = 'oops\ndef after(x): pass\n")
    #expect(s.diagnostics.map(\.description) == ["pkg/mod.py:2:5: error: unterminated string literal (detected at line 2)"])
    #expect(s["pkg.mod.after"]?.params?.map(\.name) == ["x"])
  }

  @Test func brokenFStringFieldStopsAtItsLine() {
    let s = surface("A = f'oops {x\ndef after(y): pass\nB = {'k': 1}\n")
    #expect(s.diagnostics.map(\.description) == ["pkg/mod.py:1:5: error: unterminated f-string literal (detected at line 1)"])
    #expect(s["pkg.mod.after"]?.params?.map(\.name) == ["y"])
    #expect(s["pkg.mod.B"]?.value == "{'k': 1}")
  }

  @Test func unterminatedTripleQuotedString() {
    let d = diagnostics("X = 1\nY = \"\"\"never\nclosed\n")
    #expect(d.count == 1)
    #expect(d.first?.hasPrefix("pkg/mod.py:2:5: error: unterminated triple-quoted string literal") == true)
  }

  @Test func unexpectedIndent() {
    let s = surface("a = 1\n    b = 2\nc = 3\n")
    #expect(s.diagnostics.map(\.description) == ["pkg/mod.py:2:5: error: unexpected indent"])
    #expect(s["pkg.mod.c"] != nil)
  }

  @Test func inconsistentDedent() {
    let s = surface("if x:\n        a = 1\n    b = 2\nc = 3\n")
    #expect(s.diagnostics.first?.description == "pkg/mod.py:3:5: error: unindent does not match any outer indentation level")
    #expect(s["pkg.mod.c"] != nil)
  }

  @Test func missingColonAndMissingBlock() {
    let s = surface("def f(x)\n    return x\nclass C:\nx = 1\ndef g(): pass\n")
    #expect(s.diagnostics.map(\.description) == [
      "pkg/mod.py:1:9: error: expected ':'",
      "pkg/mod.py:4:1: error: expected an indented block",
    ])
    #expect(s["pkg.mod.g"] != nil)
    #expect(s["pkg.mod.x"] != nil)
  }

  @Test func unclosedBracketRecoversAtTheNextDefinition() {
    let s = surface("X = foo(1,\n   2\n\ndef g(a): pass\n")
    #expect(s.diagnostics.map(\.description) == ["pkg/mod.py:1:8: error: '(' was never closed"])
    #expect(s["pkg.mod.g"]?.params?.map(\.name) == ["a"])
  }

  @Test func unmatchedClosingBracketAndInvalidCharacter() {
    let d = diagnostics("x = 1)\ny = $\n")
    #expect(d == ["pkg/mod.py:1:6: error: unmatched ')'", "pkg/mod.py:2:5: error: invalid character '$'"])
  }

  @Test func invalidUTF8NamesFileAndLine() {
    var bytes = Array("def ok(): pass\nx = '".utf8)
    bytes += [0xC3, 0x28]
    bytes += Array("'\n".utf8)
    let s = extractModule(source: bytes, file: "pkg/bad.py", module: "pkg.bad", isPackage: false)
    #expect(s.diagnostics.map(\.description) == ["pkg/bad.py:2:6: error: invalid UTF-8 byte sequence; the file was not read"])
    #expect(s.symbols.map(\.path) == ["pkg.bad"])
  }

  @Test func latin1CookieFilesAreRead() {
    var bytes = Array("# -*- coding: latin-1 -*-\nx = '".utf8)
    bytes += [0xE9]
    bytes += Array("'\ndef f(): pass\n".utf8)
    let s = extractModule(source: bytes, file: "pkg/l.py", module: "pkg.l", isPackage: false)
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.l.f"] != nil)
    #expect(s["pkg.l.x"]?.value == "'é'")
  }

  @Test func randomBytesNeverCrash() {
    var generator = SplitMix64(seed: 0x5EED)
    let alphabet = Array("def class ( ) [ ] { } : , = * ** / @ \\ \n \r\t 'x' \"\"\" f'{ } # if else try except import from . lambda async".utf8)
    for round in 0..<400 {
      let length = Int(generator.next() % 400)
      let bytes: [UInt8] = (0..<length).map { _ in
        round % 2 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : alphabet[Int(generator.next() % UInt64(alphabet.count))]
      }
      let s = extractModule(source: bytes, file: "r.py", module: "r", isPackage: false)
      #expect(s.symbols.first?.path == "r")
    }
  }

  @Test func everyTruncationOfValidCodeIsSafe() {
    let code = Array("""
      @dec(x=[1, 2])
      class A(B, metaclass=M):
          '''doc'''
          x: int = f"{a["k"]!r:>{w}}"
          def m(self, a, /, b=lambda q, r: q, *c, d, **e) -> dict[str, int]:
              return {'a': (1, 2)}
      try:
          from .x import (y as z,
                          w)
      except ImportError:
          pass
      match v:
          case 1: pass
      type T[X] = list[X]
      """.utf8)
    for end in 0...code.count {
      let s = extractModule(source: Array(code[0..<end]), file: "t.py", module: "t", isPackage: false)
      #expect(s.symbols.first?.path == "t")
    }
    #expect(surface(String(decoding: code, as: UTF8.self)).diagnostics.isEmpty)
  }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

@Suite struct NestingLimitTests {
  @Test func deepIndentationIsReportedNotFatal() {
    var code = ""
    for level in 0..<150 { code += String(repeating: " ", count: level) + "if x:\n" }
    code += String(repeating: " ", count: 150) + "DEEP = 1\nAFTER = 2\n"
    let s = surface(code)
    #expect(s.diagnostics.first?.message == "too many levels of indentation")
    #expect(s["pkg.mod.AFTER"]?.value == "2")
  }

  @Test func deepBracketsAndFStringsAreReportedNotFatal() {
    let depth = 5_000
    let brackets = surface("X = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth) + "\nY = 2\n")
    #expect(brackets.diagnostics.map(\.message) == ["too many nested parentheses"])
    #expect(brackets["pkg.mod.Y"] != nil)
    let targets = surface(String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + " = 1\n")
    #expect(targets.symbols.first?.path == "pkg.mod")
    let fstring = surface("X = " + String(repeating: "f'{", count: depth) + "\nY = 2\n")
    #expect(fstring.diagnostics.contains { $0.message == "f-string: expressions nested too deeply" })
  }

  @Test func multiLineReplacementFieldInASingleQuotedFString() {
    let s = surface("X = f\"{\n  value  # why\n}\"\ndef after(): pass\n")
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.mod.after"] != nil)
  }
}
