import PySyntax

extension ModuleScanner {
  /// The source text of the token at `index`.
  func text(_ index: Int) -> String {
    let token = t[index]
    return parsed.source.withUnsafeBufferPointer { source in
      String(decoding: UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)]), as: UTF8.self)
    }
  }

  /// A plain or soft-keyword name usable as an identifier.
  func isName(_ index: Int) -> Bool {
    let token = t[index]
    return token.kind == .name && (token.code == 0 || token.code >= Keyword.softMatch.rawValue)
  }

  /// The index of the NEWLINE or end marker ending the logical line at `index`.
  func lineEnd(_ index: Int) -> Int {
    var i = index
    while t[i].kind != .newline, t[i].kind != .endMarker { i += 1 }
    return i
  }

  /// The index of the bracket closing the one at `open`, or of the line end when unbalanced.
  func matchingBracket(_ open: Int) -> Int {
    var depth = 0
    var i = open
    while t[i].kind != .newline, t[i].kind != .endMarker {
      if t[i].opensBracket {
        depth += 1
      } else if t[i].closesBracket {
        depth -= 1
        if depth == 0 { return i }
      }
      i += 1
    }
    return i
  }

  /// The `:` ending a compound statement header that starts at `start`, skipping brackets and
  /// `lambda` colons; nil when the line ends first.
  func headerColon(_ start: Int) -> Int? {
    var depth = 0
    var lambdas = 0
    var i = start
    while t[i].kind != .newline, t[i].kind != .endMarker {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.isKeyword(.lambda) {
        lambdas += 1
      } else if depth == 0, token.isOp(.colon) {
        if lambdas == 0 { return i }
        lambdas -= 1
      }
      i += 1
    }
    return nil
  }

  /// Splits `start..<end` on top-level commas (not those of `lambda` parameters), dropping
  /// empty pieces.
  func splitOnCommas(_ start: Int, _ end: Int) -> [TokenSpan] {
    var pieces: [TokenSpan] = []
    var depth = 0
    var lambdas = 0
    var pieceStart = start
    for i in start..<max(start, end) {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.isKeyword(.lambda) {
        lambdas += 1
      } else if depth == 0, token.isOp(.colon), lambdas > 0 {
        lambdas -= 1
      } else if depth == 0, token.isOp(.comma), lambdas == 0 {
        if i > pieceStart { pieces.append(pieceStart..<i) }
        pieceStart = i + 1
      }
    }
    if end > pieceStart { pieces.append(pieceStart..<end) }
    return pieces
  }

  /// `start..<end` without brackets enclosing all of it: `(a)` → `a`.
  func strippingParentheses(_ start: Int, _ end: Int) -> TokenSpan {
    var range = start..<end
    while range.count >= 2, t[range.lowerBound].isOp(.lpar), matchingBracket(range.lowerBound) == range.upperBound - 1 {
      range = (range.lowerBound + 1)..<(range.upperBound - 1)
    }
    return range
  }

  /// The dotted name `a.b.c` starting at `index` and the index after it.
  func chain(_ index: Int, _ end: Int) -> (parts: [String], next: Int)? {
    guard index < end, isName(index) else { return nil }
    var parts = [text(index)]
    var j = index + 1
    while j + 1 < end, t[j].isOp(.dot), isName(j + 1) {
      parts.append(text(j + 1))
      j += 2
    }
    return (parts, j)
  }

  /// The dotted name filling all of `range` (parentheses aside), or nil.
  func wholeChain(_ range: TokenSpan) -> [String]? {
    let inner = strippingParentheses(range.lowerBound, range.upperBound)
    guard let (parts, next) = chain(inner.lowerBound, inner.upperBound), next == inner.upperBound else { return nil }
    return parts
  }

  /// The value of a single plain string literal filling `range` (parentheses aside).
  func stringLiteral(_ range: TokenSpan) -> String? {
    let inner = strippingParentheses(range.lowerBound, range.upperBound)
    guard inner.count == 1, t[inner.lowerBound].kind == .string else { return nil }
    return parsed.stringValue(inner.lowerBound)
  }

  /// The names bound by the parameter list `start..<end` of a `def` or `lambda`.
  func parameterNames(_ start: Int, _ end: Int) -> [String] {
    splitOnCommas(start, end).compactMap { piece in
      var i = piece.lowerBound
      while i < piece.upperBound, t[i].isOp(.star) || t[i].isOp(.doubleStar) { i += 1 }
      return i < piece.upperBound && isName(i) ? text(i) : nil
    }
  }
}
