extension ParsedModule {
  /// The source text of `span`, normalised: comments and line continuations dropped, every
  /// run of whitespace between tokens collapsed to one space, and no space after an opening
  /// bracket, before a closing bracket or before a comma. Tokens keep their text.
  public func text(_ span: TokenSpan) -> String {
    guard !span.isEmpty else { return "" }
    return source.withUnsafeBufferPointer { src in
      tokens.withUnsafeBufferPointer { t in
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(t[span.upperBound - 1].end - t[span.lowerBound].start))
        var previous: Token?
        for i in span {
          let token = t[i]
          if token.kind == .newline || token.kind == .indent || token.kind == .dedent { continue }
          if let previous, token.start > previous.end, !previous.opensBracket,
             !token.closesBracket, !token.isOp(.comma) {
            bytes.append(32)
          }
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[Int(token.start)..<Int(token.end)]))
          previous = token
        }
        return String(decoding: bytes, as: UTF8.self)
      }
    }
  }

  /// A 64-bit fingerprint (16 hex digits) of the tokens of `span`. Edits that cannot change
  /// what the code does keep it: whitespace, comments, line wrapping, docstrings, the quotes of a
  /// string literal, the splitting of a string into adjacent literals, redundant trailing commas,
  /// parentheses around a whole statement-level expression, and a one-statement block written
  /// on its header's line (what code formatters such as black and ruff change). It combines the
  /// per-token fingerprints computed once for the file (`TokenFingerprints`).
  public func bodyHash(_ span: TokenSpan) -> String {
    let docstring = docstringSpan(in: span)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    fingerprints.withUnsafeBufferPointer { values in
      func combine(_ part: Range<Int>) {
        for i in part where values[i] != 0 {
          hash = (hash ^ values[i]) &* 0x9E37_79B9_7F4A_7C15
          hash ^= hash >> 29
        }
      }
      // The docstring lies inside the span: what comes before it, then what follows.
      combine(span.lowerBound..<docstring.lowerBound)
      combine(docstring.upperBound..<span.upperBound)
    }
    return String(unsafeUninitializedCapacity: 16) { digits in
      for k in 0..<16 {
        let nibble = UInt8(truncatingIfNeeded: hash >> UInt64(60 - 4 * k)) & 0xF
        digits[k] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
      }
      return 16
    }
  }


  /// The fingerprint of every token of the file.
  public var fileHash: String { bodyHash(0..<tokens.count) }

  /// The tokens of a leading docstring (string literals forming the first statement, with
  /// the NEWLINE or `;` ending it), or an empty range.
  func docstringSpan(in span: TokenSpan) -> Range<Int> {
    tokens.withUnsafeBufferPointer { ParsedModule.docstringSpan($0, in: span) }
  }

  static func docstringSpan(_ tokens: UnsafeBufferPointer<Token>, in span: TokenSpan) -> Range<Int> {
    var i = span.lowerBound
    while i < span.upperBound, tokens[i].kind == .newline || tokens[i].kind == .indent { i += 1 }
    let first = i
    while i < span.upperBound, tokens[i].kind == .string,
          tokens[i].code & (StringFlags.formatted.rawValue | StringFlags.bytes.rawValue) == 0 {
      i += 1
    }
    guard i > first, i < span.upperBound,
          tokens[i].kind == .newline || tokens[i].kind == .endMarker || tokens[i].isOp(.semi)
    else { return first..<first }
    return first..<(i + 1)
  }

  /// The value of a plain string literal token (no prefix other than `u`/`r`), for `__all__`;
  /// nil for f-strings, bytes and literals with escapes.
  public func stringValue(_ index: Int) -> String? {
    let token = tokens[index]
    guard token.kind == .string,
          token.code & (StringFlags.formatted.rawValue | StringFlags.bytes.rawValue) == 0
    else { return nil }
    var start = Int(token.start)
    var end = Int(token.end)
    while source[start] != UInt8(ascii: "'") && source[start] != UInt8(ascii: "\"") { start += 1 }
    let quote = source[start]
    let quoteLength = end - start >= 6 && source[start + 1] == quote && source[start + 2] == quote ? 3 : 1
    start += quoteLength
    end -= quoteLength
    guard start <= end else { return nil }
    let body = source[start..<end]
    if body.contains(UInt8(ascii: "\\")) { return nil }
    return String(decoding: body, as: UTF8.self)
  }
}

extension ParsedModule {
  /// `expression` normalised the way `text(_:)` normalises a span, for comparing source
  /// text from elsewhere (e.g. CPython's `ast.get_source_segment`).
  public static func normalizedExpression(_ expression: String) -> String {
    var bytes = Array("(".utf8)
    bytes.append(contentsOf: expression.utf8)
    bytes.append(contentsOf: "\n)".utf8)
    let module = ParsedModule(tokensOf: bytes)
    guard let close = module.tokens.lastIndex(where: { $0.isOp(.rpar) }), close > 1 else {
      return expression
    }
    return module.text(1..<close)
  }

  /// Tokenizes without parsing.
  init(tokensOf source: [UInt8]) {
    self.source = source
    self.tokens = source.withUnsafeBufferPointer { buffer in
      var lexer = Lexer(buffer, start: 0)
      lexer.run()
      return lexer.tokens
    }
    self.statements = []
    self.issues = []
    self.fingerprints = []
  }
}

/// The parts of a string literal token: prefix letters, then quotes around the content.
struct StringLiteralParts {
  var prefix: Range<Int>
  var content: Range<Int>
  var isRaw: Bool

  init(_ src: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    var i = range.lowerBound
    var isRaw = false
    while i < range.upperBound, src[i] != UInt8(ascii: "'"), src[i] != UInt8(ascii: "\"") {
      if src[i] | 0x20 == UInt8(ascii: "r") { isRaw = true }
      i += 1
    }
    prefix = range.lowerBound..<i
    let quote = i < range.upperBound ? src[i] : 0
    var width = 1
    if i + 2 < range.upperBound, src[i + 1] == quote, src[i + 2] == quote, range.upperBound - i >= 6 {
      width = 3
    }
    let start = min(i + width, range.upperBound)
    let end = max(start, range.upperBound - width)
    content = start..<end
    self.isRaw = isRaw
  }
}
