import Testing
@testable import PySyntax

/// Tokens of `source` as (kind, text) pairs, without the final NEWLINE/DEDENT/ENDMARKER run.
func lex(_ source: String) -> (tokens: [(TokenKind, String)], issues: [SyntaxIssue]) {
  let module = ParsedModule(source: Array(source.utf8))
  let bytes = module.source
  var tokens = module.tokens.map { token in
    (token.kind, String(decoding: bytes[Int(token.start)..<Int(token.end)], as: UTF8.self))
  }
  while let last = tokens.last, [.newline, .dedent, .endMarker].contains(last.0) { tokens.removeLast() }
  return (tokens, module.issues)
}

func texts(_ source: String) -> [String] { lex(source).tokens.map(\.1) }

@Suite struct LexerTests {
  @Test(arguments: [
    #"f"{x["a"]}""#,
    #"f"{f'{y}'}""#,
    #"f"{x!r:>{width}}""#,
    #"f"{'}'}""#,
    #"f"{a!=b}""#,
    #"f"{{literal}} {value:{fill}{align}{width}} \N{BULLET}""#,
    #"rf'({name})(\{{)'"#,
    "f'''{\nx\n}'''",
    #"f"{x:{'{'}}""#,
  ])
  func fStringsAreSingleTokens(_ source: String) {
    let (tokens, issues) = lex(source)
    #expect(issues.isEmpty)
    #expect(tokens.count == 1)
    #expect(tokens.first?.0 == .string)
    #expect(tokens.first?.1 == source)
  }

  @Test(arguments: ["r", "b", "u", "f", "R", "B", "U", "F", "rb", "Rb", "bR", "BR", "br", "fr", "Rf", "rF", "FR"])
  func everyStringPrefixIsPartOfTheLiteral(_ prefix: String) {
    let source = "x = \(prefix)'a' + \(prefix)\"\"\"b\"\"\""
    #expect(texts(source) == ["x", "=", "\(prefix)'a'", "+", "\(prefix)\"\"\"b\"\"\""])
  }

  @Test func invalidPrefixIsANameThenAString() {
    #expect(texts("ub'x'") == ["ub", "'x'"])
  }

  @Test func numbers() {
    let (tokens, issues) = lex("a = 1_000 + 0x_ff + 1e-3 + 3j + .5 + 0o17 + 0b1_0 + 1.5E+10J + 1.")
    #expect(issues.isEmpty)
    #expect(tokens.filter { $0.0 == .number }.map(\.1)
      == ["1_000", "0x_ff", "1e-3", "3j", ".5", "0o17", "0b1_0", "1.5E+10J", "1."])
  }

  @Test func operators() {
    let source = "a -> b := c **= d //= e @= f != g ... h >>= i <<= j ** k // l == m"
    let ops = lex(source).tokens.filter { $0.0 == .op }.map(\.1)
    #expect(ops == ["->", ":=", "**=", "//=", "@=", "!=", "...", ">>=", "<<=", "**", "//", "=="])
  }

  @Test func tabsAdvanceToTheNextMultipleOfEight() {
    // "  \t" and "\t" both indent to column 8 in CPython; a flat 8 per tab would not match.
    let source = "if x:\n  \ta = 1\n\tb = 2\n"
    let (tokens, issues) = lex(source)
    #expect(issues.isEmpty)
    #expect(tokens.filter { $0.0 == .indent }.count == 1)
    #expect(tokens.filter { $0.0 == .dedent }.isEmpty)
  }

  @Test func formFeedResetsTheColumn() {
    let (tokens, issues) = lex("if x:\n    a = 1\n    \u{0C}b = 2\n")
    #expect(issues.isEmpty)
    #expect(tokens.filter { $0.0 == .dedent }.count == 1)
  }

  @Test func backslashContinuationAndBracketsJoinLines() {
    let (tokens, issues) = lex("x = 1 + \\\n    2\ny = (3,\n  4)\n")
    #expect(issues.isEmpty)
    #expect(tokens.filter { $0.0 == .newline }.count == 1)  // between the two statements
    #expect(tokens.filter { $0.0 == .indent }.isEmpty)
  }

  @Test(arguments: ["\r\n", "\r", "\n"])
  func newlineStylesGiveTheSameLines(_ newline: String) {
    let source = ["class A:", "    x = 1", "", "def f():", "    pass"].joined(separator: newline)
    let module = ParsedModule(source: Array(source.utf8))
    #expect(module.issues.isEmpty)
    let lines = module.tokens.filter { $0.kind == .name }.map(\.line)
    #expect(lines == [1, 1, 2, 4, 4, 5])
  }

  @Test func byteOrderMarkIsSkipped() {
    let module = ParsedModule(source: [0xEF, 0xBB, 0xBF] + Array("x = 1\n".utf8))
    #expect(module.issues.isEmpty)
    #expect(module.tokens.first?.column == 1)
    #expect(module.text(0..<3) == "x = 1")
  }

  @Test func unicodeIdentifiers() {
    #expect(texts("größe = π") == ["größe", "=", "π"])
  }

  @Test func softKeywordsAreNamesWithCodes() {
    let module = ParsedModule(source: Array("match = type".utf8))
    #expect(module.tokens[0].keyword == .softMatch)
    #expect(module.tokens[2].keyword == .softType)
  }

  @Test func textNormalisesWhitespaceAndComments() {
    let module = ParsedModule(source: Array("x = {  # c\n  'a' :  [1 ,\n 2 ] ,\\\n}\n".utf8))
    #expect(module.text(2..<(module.tokens.count - 2)) == "{'a' : [1, 2],}")
  }

  @Test func normalizedExpressionMatchesSpanText() {
    #expect(ParsedModule.normalizedExpression("Optional[\n  int  ]  # why") == "Optional[int]")
    #expect(ParsedModule.normalizedExpression("f( a ,b )") == "f(a,b)")
  }
}
