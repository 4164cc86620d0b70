import APIModel

/// A Python file read down to its declarations: tokens, top-level statements and the
/// problems found. Building one never fails and never runs Python.
public struct ParsedModule: Sendable {
  /// The source bytes as given (a BOM included), re-encoded to UTF-8 when a PEP 263 cookie
  /// names another encoding.
  public let source: [UInt8]
  public let tokens: [Token]
  public let statements: [Statement]
  /// Syntax and encoding problems, in the order found.
  public let issues: [SyntaxIssue]
  /// Per token, its share of body fingerprints (`TokenFingerprints`).
  let fingerprints: [UInt64]

  /// Tokenizes and parses `source`.
  public init(source given: [UInt8]) {
    let declared = given.withUnsafeBufferPointer {
      SourceEncoding.declaredOtherEncoding($0, from: SourceEncoding.bomLength($0))
    }
    // Text in a file of an unknown encoding stays opaque bytes, as it was written.
    let transcoded = declared.flatMap { SourceEncoding.transcodedToUTF8(given, from: $0) }
    let source = transcoded ?? given
    self.source = source
    let (tokens, statements, issues) = source.withUnsafeBufferPointer { buffer in
      let start = SourceEncoding.bomLength(buffer)
      func unread(_ issue: SyntaxIssue) -> ([Token], [Statement], [SyntaxIssue]) {
        ([Token(kind: .endMarker, code: 0, start: 0, end: 0, line: 1, column: 1)], [], [issue])
      }
      // Token offsets are 32-bit.
      guard buffer.count < Int(Int32.max) else {
        return unread(SyntaxIssue(line: 1, column: 1, message: "file too large; the file was not read"))
      }
      if declared == nil,
         let bad = SourceEncoding.firstInvalidUTF8(buffer, from: start) {
        return unread(SyntaxIssue(line: bad.line, column: bad.column,
                                  message: "invalid UTF-8 byte sequence; the file was not read"))
      }
      var lexer = Lexer(buffer, start: start)
      lexer.run()
      let tokens = lexer.tokens
      let (statements, parseIssues) = tokens.withUnsafeBufferPointer { tokenBuffer in
        var parser = Parser(tokens: tokenBuffer, source: buffer)
        let statements = parser.parseBlock(untilDedent: false)
        return (statements, parser.issues)
      }
      var issues = lexer.issues + parseIssues
      if issues.count > 1 { issues.sort { ($0.line, $0.column) < ($1.line, $1.column) } }
      return (tokens, statements, issues)
    }
    self.tokens = tokens
    self.statements = statements
    self.issues = issues
    fingerprints = tokens.withUnsafeBufferPointer { t in
      source.withUnsafeBufferPointer { TokenFingerprints(tokens: t, source: $0).values() }
    }
  }

  /// The issues as error diagnostics located in `file`.
  public func diagnostics(file: String) -> [Diagnostic] {
    issues.map { Diagnostic(.error, $0.message, at: SourceLocation(file: file, line: $0.line, column: $0.column)) }
  }
}
