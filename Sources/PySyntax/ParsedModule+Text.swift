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

  /// A 64-bit FNV-1a fingerprint (16 hex digits) of the tokens of `span`: kind and text of
  /// each, INDENT/DEDENT/NEWLINE as bare markers. Edits that cannot change what the code does
  /// keep the hash: whitespace, comments, line wrapping, a leading docstring, the quotes of a
  /// string literal, the splitting of a string into adjacent literals, redundant trailing commas,
  /// parentheses around a whole statement-level expression, and a one-statement block written
  /// on its header's line (what code formatters such as black and ruff change).
  public func bodyHash(_ span: TokenSpan) -> String {
    let skipped = formattingTokens(in: span)
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    source.withUnsafeBufferPointer { src in
      tokens.withUnsafeBufferPointer { t in
        // Adjacent literals are one string: `"a " f"{b}"` hashes as `f"a {b}"`. A run ends with
        // the flags of its parts (formatted, raw), so `"{x}"` and `f"{x}"` still differ.
        var runFlags: UInt8?
        func endRun() {
          if let flags = runFlags { mix(0xFF); mix(flags) }
          runFlags = nil
        }
        for i in span where !skipped.contains(i) {
          let token = t[i]
          let isText = token.kind == .string && token.code & StringFlags.bytes.rawValue == 0
          if !isText { endRun() }
          switch token.kind {
          case .string:
            let literal = StringLiteralParts(src, Int(token.start)..<Int(token.end))
            if runFlags == nil { mix(token.kind.rawValue) }
            if !isText {
              for k in literal.prefix { mix(src[k] | 0x20) }
              mix(0xFE)
            }
            var k = literal.content.lowerBound
            while k < literal.content.upperBound {
              // An escaped quote and a bare one are the same character.
              if !literal.isRaw, src[k] == UInt8(ascii: "\\"), k + 1 < literal.content.upperBound,
                 src[k + 1] == UInt8(ascii: "'") || src[k + 1] == UInt8(ascii: "\"") {
                k += 1
              }
              mix(src[k])
              k += 1
            }
            if isText {
              runFlags = (runFlags ?? 0) | (token.code & StringFlags.formatted.rawValue) | (literal.isRaw ? 0x80 : 0)
            } else {
              mix(0xFF)
            }
          case .name, .number, .op:
            mix(token.kind.rawValue)
            for k in Int(token.start)..<Int(token.end) { mix(src[k]) }
            mix(0xFF)
          default:
            mix(token.kind.rawValue)
          }
        }
        endRun()
      }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Tokens of `span` a formatter may add or remove without changing the program: the leading
  /// docstring, trailing commas that make no tuple, the parentheses of `from m import (…)`, and
  /// parentheses around a whole expression after `=`, `return`, `if`, `elif`, `while`,
  /// `assert`, `in`, `else` or a statement-level `,` that end the statement or its header.
  func formattingTokens(in span: TokenSpan) -> Set<Int> {
    var skipped = Set(docstringSpan(in: span))
    struct Frame {
      var open: Int
      var commas = 0
      var isGeneratorOrYield = false
    }
    var frames: [Frame] = []
    // A body span starts after its header's colon.
    if span.lowerBound > 0, tokens[span.lowerBound - 1].isOp(.colon),
       let dedent = singleStatementBlock(
        after: span.lowerBound - 1, in: (span.lowerBound - 1)..<span.upperBound, skipping: skipped) {
      skipped.formUnion([span.lowerBound, span.lowerBound + 1, dedent])
    }
    for i in span where !skipped.contains(i) {
      let token = tokens[i]
      if token.isOp(.colon), frames.isEmpty, i + 2 < span.upperBound, tokens[i + 1].kind == .newline {
        // A string standing first in a block does nothing: a nested docstring.
        skipped.formUnion(docstringSpan(in: (i + 1)..<span.upperBound))
        // `if x:\n    y` is `if x: y`: a block of one simple statement is the same as a one-line suite.
        if let dedent = singleStatementBlock(after: i, in: span, skipping: skipped) {
          skipped.formUnion([i + 1, i + 2, dedent])
        }
      } else if token.opensBracket {
        frames.append(Frame(open: i))
      } else if token.isOp(.comma), !frames.isEmpty {
        frames[frames.count - 1].commas += 1
      } else if token.isKeyword(.for) || token.isKeyword(.yield) || token.isKeyword(.async), !frames.isEmpty {
        frames[frames.count - 1].isGeneratorOrYield = true
      } else if token.closesBracket, let frame = frames.popLast() {
        var commas = frame.commas
        let opener = tokens[frame.open]
        let isImportList = frame.open > span.lowerBound && tokens[frame.open - 1].isKeyword(.import)
        let isGrouping = opener.isOp(.lpar) && !followsOperand(frame.open, in: span) && !isImportList
        let isSubscript = opener.isOp(.lsqb) && followsOperand(frame.open, in: span)
        if i - 1 > frame.open, tokens[i - 1].isOp(.comma), !(isGrouping || isSubscript) || commas >= 2 {
          skipped.insert(i - 1)
          commas -= 1
        }
        if isImportList || isGrouping && commas == 0 && !frame.isGeneratorOrYield && i - frame.open > 1
          && opensWholeExpression(frame.open, in: span) && closesWholeExpression(i, in: span, isStatementLevel: frames.isEmpty)
        {
          skipped.insert(frame.open)
          skipped.insert(i)
        }
      }
    }
    return skipped
  }

  /// When the colon at `index` opens an indented block holding one simple statement, the index
  /// of the DEDENT closing it. Only a block header's colon is followed by NEWLINE INDENT.
  private func singleStatementBlock(after index: Int, in span: TokenSpan, skipping skipped: Set<Int>) -> Int? {
    guard index + 2 < span.upperBound, tokens[index + 1].kind == .newline, tokens[index + 2].kind == .indent
    else { return nil }
    var j = index + 3
    while skipped.contains(j) { j += 1 }  // a docstring
    // Only a simple statement may stand on a header's line.
    guard j < span.upperBound, !startsCompoundStatement(tokens[j]) else { return nil }
    while j < span.upperBound, tokens[j].kind != .newline {
      if tokens[j].kind == .indent || tokens[j].kind == .dedent { return nil }
      j += 1
    }
    // A compound statement's own header ends in a colon followed by NEWLINE; it is not simple.
    guard j + 1 < span.upperBound, tokens[j + 1].kind == .dedent, !tokens[j - 1].isOp(.colon) else { return nil }
    return j + 1
  }

  private func startsCompoundStatement(_ token: Token) -> Bool {
    switch token.keyword {
    case .def, .class, .async, .if, .while, .for, .try, .with, .softMatch: return true
    default: return token.isOp(.at)
    }
  }

  /// True when the bracket at `index` follows an operand, making it a call or a subscript.
  private func followsOperand(_ index: Int, in span: TokenSpan) -> Bool {
    guard index > span.lowerBound else { return false }
    let previous = tokens[index - 1]
    switch previous.kind {
    case .name: return previous.keyword == .none || previous.keyword == .softMatch
      || previous.keyword == .softCase || previous.keyword == .softType
    case .string, .number: return true
    case .op: return previous.closesBracket
    default: return false
    }
  }

  private func opensWholeExpression(_ index: Int, in span: TokenSpan) -> Bool {
    guard index > span.lowerBound else { return false }
    let previous = tokens[index - 1]
    return previous.isOp(.equal) || previous.isOp(.augAssign) || previous.isKeyword(.return)
      || previous.isKeyword(.if) || previous.isKeyword(.elif) || previous.isKeyword(.while)
      || previous.isKeyword(.assert) || previous.isKeyword(.in) || previous.isKeyword(.else)
      || previous.isOp(.comma)
  }

  private func closesWholeExpression(_ index: Int, in span: TokenSpan, isStatementLevel: Bool) -> Bool {
    guard index + 1 < tokens.count else { return true }
    let next = tokens[index + 1]
    return next.kind == .newline || next.kind == .endMarker || next.isOp(.semi) || next.isOp(.colon)
      || next.isOp(.comma) && isStatementLevel
  }

  /// The fingerprint of every token of the file.
  public var fileHash: String { bodyHash(0..<tokens.count) }

  /// The tokens of a leading docstring (string literals forming the first statement, with
  /// the NEWLINE or `;` ending it), or an empty range.
  func docstringSpan(in span: TokenSpan) -> Range<Int> {
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
