/// The kind of a Python token, as far as declaration-level parsing needs it.
public enum TokenKind: UInt8, Sendable {
  case name
  case number
  case string
  case op
  /// End of a logical line.
  case newline
  case indent
  case dedent
  case endMarker
}

/// Operator codes; `Token.code` holds one of these for `.op` tokens.
public enum Op: UInt8, Sendable {
  case other = 0
  case lpar, rpar, lsqb, rsqb, lbrace, rbrace
  case colon, comma, semi, dot, equal, at, arrow, star, doubleStar, slash
  case colonEqual, ellipsis, plus, minus
  /// `+=`, `-=`, `**=`, `//=`, `@=` and the other augmented assignments.
  case augAssign
}

/// Keyword codes; `Token.code` holds one of these for `.name` tokens (0 for plain names).
public enum Keyword: UInt8, Sendable {
  case none = 0
  case def, `class`, async, await, `if`, elif, `else`, `while`, `for`, `try`, except, finally
  case with, `import`, from, `as`, lambda, `return`, pass, `break`, `continue`, raise, del
  case global, nonlocal, assert, yield, `in`, `is`, not, and, or, none_, true_, false_
  /// Soft keywords: names unless in statement position.
  case softMatch, softCase, softType
}

/// One token: a byte range of the source plus its 1-based line and column.
public struct Token: Sendable {
  public var kind: TokenKind
  /// An `Op` raw value for operators, a `Keyword` raw value for names, 0 otherwise.
  public var code: UInt8
  /// Byte offset of the first byte in the source.
  public var start: Int32
  /// Byte offset just past the last byte.
  public var end: Int32
  /// 1-based line of the first byte.
  public var line: Int32
  /// 1-based byte column of the first byte.
  public var column: Int32

  @inline(__always) public var op: Op { kind == .op ? Op(rawValue: code) ?? .other : .other }
  @inline(__always) public var keyword: Keyword {
    kind == .name ? Keyword(rawValue: code) ?? .none : .none
  }
  @inline(__always) public func isOp(_ o: Op) -> Bool { kind == .op && code == o.rawValue }
  @inline(__always) public func isKeyword(_ k: Keyword) -> Bool {
    kind == .name && code == k.rawValue
  }
  /// Opening bracket: `(`, `[` or `{`.
  @inline(__always) public var opensBracket: Bool {
    kind == .op && code >= Op.lpar.rawValue && code <= Op.lbrace.rawValue && code & 1 == 1
  }
  /// Closing bracket: `)`, `]` or `}`.
  @inline(__always) public var closesBracket: Bool {
    kind == .op && code >= Op.rpar.rawValue && code <= Op.rbrace.rawValue && code & 1 == 0
  }
}
