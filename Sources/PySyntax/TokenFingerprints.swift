#if canImport(Glibc)
import Glibc
#endif

/// The fingerprint of each token of a file, from which `ParsedModule.bodyHash` combines the
/// fingerprint of any span. A token a formatter may add or remove has none (0); a run of
/// adjacent string literals has one, on its first token. Computed once per file.
struct TokenFingerprints {
  let tokens: UnsafeBufferPointer<Token>
  let source: UnsafeBufferPointer<UInt8>

  /// One value per token; 0 for tokens that do not count.
  func values() -> [UInt64] {
    let skipped = formattingTokens()
    return [UInt64](unsafeUninitializedCapacity: tokens.count) { values, initialized in
      values.initialize(repeating: 0)
      initialized = tokens.count
      fill(values, skipping: skipped)
    }
  }

  /// Writes the fingerprint of every token not `skipped` into `values`.
  private func fill(_ values: UnsafeMutableBufferPointer<UInt64>, skipping skipped: [Bool]) {
    let src = source
    let t = tokens
    var hash: UInt64 = 0
    var owner = -1
    @inline(__always) func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    // Starts the fingerprint of token `i`; the previous one is stored.
    func begin(_ i: Int) {
      if owner >= 0 { values[owner] = hash == 0 ? 1 : hash }
      owner = i
      hash = 0xcbf2_9ce4_8422_2325
    }
    // Adjacent literals are one string: `"a " f"{b}"` fingerprints as `f"a {b}"`. A run ends
    // with the flags of its parts (formatted, raw), so `"{x}"` and `f"{x}"` still differ.
    var runFlags: UInt8?
    func endRun() {
      if let flags = runFlags { mix(0xFF); mix(flags) }
      runFlags = nil
    }
    for i in 0..<t.count where !skipped[i] {
      let token = t[i]
      let isText = token.kind == .string && token.code & StringFlags.bytes.rawValue == 0
      if !isText { endRun() }
      if !(isText && runFlags != nil) { begin(i) }
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
    begin(-1)
  }

  /// Which tokens a formatter may add or remove without changing the program: docstrings,
  /// trailing commas that make no tuple, the parentheses of `from m import (…)`, parentheses
  /// around a whole expression after `=`, `return`, `if`, `elif`, `while`, `assert`, `in`,
  /// `else` or a statement-level `,` that end the statement or its header, and the NEWLINE,
  /// INDENT and DEDENT of a block holding one simple statement.
  func formattingTokens() -> [Bool] {
    let span = 0..<tokens.count
    var skipped = [Bool](repeating: false, count: tokens.count)
    for i in ParsedModule.docstringSpan(tokens, in: span) { skipped[i] = true }
    struct Frame {
      var open: Int
      var commas = 0
      var isGeneratorOrYield = false
    }
    var frames: [Frame] = []
    for i in span where !skipped[i] {
      let token = tokens[i]
      if token.isOp(.colon), frames.isEmpty, i + 2 < span.upperBound, tokens[i + 1].kind == .newline {
        // A string standing first in a block does nothing: a nested docstring.
        for k in ParsedModule.docstringSpan(tokens, in: (i + 1)..<span.upperBound) { skipped[k] = true }
        // `if x:\n    y` is `if x: y`: a block of one simple statement is the same as a one-line suite.
        if let dedent = singleStatementBlock(after: i, in: span, skipping: skipped) {
          skipped[i + 1] = true
          skipped[i + 2] = true
          skipped[dedent] = true
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
          skipped[i - 1] = true
          commas -= 1
        }
        if isImportList || isGrouping && commas == 0 && !frame.isGeneratorOrYield && i - frame.open > 1
          && opensWholeExpression(frame.open, in: span) && closesWholeExpression(i, in: span, isStatementLevel: frames.isEmpty)
        {
          skipped[frame.open] = true
          skipped[i] = true
        }
      }
    }
    return skipped
  }

  /// When the colon at `index` opens an indented block holding one simple statement, the index
  /// of the DEDENT closing it. Only a block header's colon is followed by NEWLINE INDENT.
  private func singleStatementBlock(after index: Int, in span: TokenSpan, skipping skipped: [Bool]) -> Int? {
    guard index + 2 < span.upperBound, tokens[index + 1].kind == .newline, tokens[index + 2].kind == .indent
    else { return nil }
    var j = index + 3
    while j < span.upperBound, skipped[j] { j += 1 }  // a docstring
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
}
