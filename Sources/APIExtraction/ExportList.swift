import PySyntax

/// Reads literal `__all__` values: lists or tuples of strings, possibly joined with `+`.
enum ExportList {
  /// The strings of `[...]`/`(...)` literals joined by `+` in `span`, or nil when not literal.
  static func strings(in span: TokenSpan, of parsed: ParsedModule) -> [String]? {
    let t = parsed.tokens
    if let first = span.first, t[first].kind == .string { return bareTuple(span, of: parsed) }
    var names: [String] = []
    var i = span.lowerBound
    while i < span.upperBound {
      guard t[i].isOp(.lsqb) || t[i].isOp(.lpar) else { return nil }
      let closer: Op = t[i].isOp(.lsqb) ? .rsqb : .rpar
      i += 1
      var expectItem = true
      while i < span.upperBound, !t[i].isOp(closer) {
        if expectItem, let value = literal(at: &i, limit: span.upperBound, of: parsed) {
          names.append(value)
          expectItem = false
        } else if !expectItem, t[i].isOp(.comma) {
          expectItem = true
          i += 1
        } else {
          return nil
        }
      }
      guard i < span.upperBound else { return nil }
      i += 1
      if i < span.upperBound {
        guard t[i].isOp(.plus) else { return nil }
        i += 1
      }
    }
    return names
  }

  /// `'a', 'b'`: a tuple of strings without parentheses.
  private static func bareTuple(_ span: TokenSpan, of parsed: ParsedModule) -> [String]? {
    var names: [String] = []
    var sawComma = false
    var i = span.lowerBound
    while i < span.upperBound {
      guard let value = literal(at: &i, limit: span.upperBound, of: parsed) else { return nil }
      names.append(value)
      if i < span.upperBound {
        guard parsed.tokens[i].isOp(.comma) else { return nil }
        sawComma = true
        i += 1
      }
    }
    return sawComma ? names : nil
  }

  /// The single string literal making up `span`, or nil.
  static func string(in span: TokenSpan, of parsed: ParsedModule) -> String? {
    var i = span.lowerBound
    guard let value = literal(at: &i, limit: span.upperBound, of: parsed), i == span.upperBound else {
      return nil
    }
    return value
  }

  /// Adjacent string literals at `i` (implicitly concatenated); advances `i` past them.
  private static func literal(at i: inout Int, limit: Int, of parsed: ParsedModule) -> String? {
    var value: String?
    while i < limit, parsed.tokens[i].kind == .string {
      guard let part = parsed.stringValue(i) else { return nil }
      value = (value ?? "") + part
      i += 1
    }
    return value
  }
}
