extension Parser {
  /// Parses statements until the DEDENT closing the block (consumed) or the end of input.
  mutating func parseBlock(untilDedent: Bool) -> [Statement] {
    var out: [Statement] = []
    while true {
      let before = p
      switch t[p].kind {
      case .endMarker:
        return out
      case .dedent:
        p += 1
        if untilDedent { return out }
      case .indent:
        error(at: p, "unexpected indent")
        p += 1
        out += parseBlock(untilDedent: true)
      case .newline:
        p += 1
      default:
        parseStatement(into: &out)
      }
      assert(p > before, "parser made no progress")
      if p <= before { p = before + 1 }
    }
  }

  mutating func parseStatement(into out: inout [Statement]) {
    let token = t[p]
    if token.isOp(.at) {
      parseDecorated(into: &out)
      return
    }
    switch token.keyword {
    case .def:
      if let function = parseFunction(decorators: [], isAsync: false) { out.append(.function(function)) }
    case .class:
      if let cls = parseClass(decorators: []) { out.append(.class(cls)) }
    case .async:
      let next = t[p + 1]
      if next.isKeyword(.def) {
        p += 1
        if let function = parseFunction(decorators: [], isAsync: true) { out.append(.function(function)) }
      } else if next.isKeyword(.for) || next.isKeyword(.with) {
        p += 1
        parseCompound(into: &out)
      } else {
        parseSimpleLine(into: &out)
      }
    case .if, .while, .for, .with, .try:
      parseCompound(into: &out)
    case .elif, .else, .except, .finally:
      error(at: p, "invalid syntax")
      parseCompound(into: &out)
    case .softMatch where isMatchStatement():
      parseMatch(into: &out)
    default:
      parseSimpleLine(into: &out)
    }
  }

  mutating func parseDecorated(into out: inout [Statement]) {
    var decorators: [TokenSpan] = []
    while t[p].isOp(.at) {
      let start = p + 1
      while !atLineEnd(p) { p += 1 }
      decorators.append(start..<p)
      if t[p].kind == .newline { p += 1 }
    }
    if t[p].isKeyword(.def) {
      if let function = parseFunction(decorators: decorators, isAsync: false) { out.append(.function(function)) }
    } else if t[p].isKeyword(.async), t[p + 1].isKeyword(.def) {
      p += 1
      if let function = parseFunction(decorators: decorators, isAsync: true) { out.append(.function(function)) }
    } else if t[p].isKeyword(.class) {
      if let cls = parseClass(decorators: decorators) { out.append(.class(cls)) }
    } else if t[p].kind != .endMarker {
      error(at: p, "invalid syntax: expected a function or class definition after decorators")
    }
  }

  /// `def name[T](params) -> returns: body`; `p` is at `def`.
  mutating func parseFunction(decorators: [TokenSpan], isAsync: Bool) -> FunctionSyntax? {
    p += 1
    guard isIdentifier(p) else {
      error(at: p, "invalid syntax: expected a function name")
      recoverHeader()
      return nil
    }
    let name = nameRef(p)
    p += 1
    skipTypeParameters()
    guard t[p].isOp(.lpar) else {
      error(at: p, "invalid syntax: expected '('")
      recoverHeader()
      return nil
    }
    let close = matchingBracket(p)
    let parameters = parseParameters(p + 1, close)
    guard t[close].isOp(.rpar) else {
      error(at: close, "'(' was never closed")
      recoverHeader()
      return nil
    }
    p = close + 1
    let hasReturns = t[p].isOp(.arrow)
    if hasReturns { p += 1 }
    guard let colon = headerColon(from: p) else {
      error(at: p, "expected ':'")
      recoverHeader()
      return nil
    }
    let returns = hasReturns ? p..<colon : nil
    p = colon + 1
    let body = skipSuite()
    return FunctionSyntax(name: name, isAsync: isAsync, decorators: decorators,
                          parameters: parameters, returns: returns, body: body)
  }

  /// `class Name[T](bases): body`; `p` is at `class`.
  mutating func parseClass(decorators: [TokenSpan]) -> ClassSyntax? {
    p += 1
    guard isIdentifier(p) else {
      error(at: p, "invalid syntax: expected a class name")
      recoverHeader()
      return nil
    }
    let name = nameRef(p)
    p += 1
    skipTypeParameters()
    var bases: [TokenSpan] = []
    if t[p].isOp(.lpar) {
      let close = matchingBracket(p)
      bases = splitOnCommas(p + 1, close)
      p = close + (t[close].closesBracket ? 1 : 0)
    }
    guard t[p].isOp(.colon) else {
      error(at: p, "expected ':'")
      recoverHeader()
      return nil
    }
    p += 1
    let bodyStart = p
    let body = parseSuite()
    return ClassSyntax(name: name, decorators: decorators, bases: bases, body: body,
                       bodySpan: bodyStart..<p)
  }

  /// Skips PEP 695 type parameters `[T, *Ts, **P]` after a function or class name.
  mutating func skipTypeParameters() {
    guard t[p].isOp(.lsqb) else { return }
    p = matchingBracket(p)
    if t[p].closesBracket { p += 1 }
  }

  /// After a broken header: skips the line and any block indented under it.
  mutating func recoverHeader() {
    skipLine()
    if t[p].kind == .indent { _ = skipBlock() }
  }

  /// Skips an INDENT…DEDENT block starting at the INDENT at `p`.
  mutating func skipBlock() -> Int {
    var depth = 0
    repeat {
      switch t[p].kind {
      case .indent: depth += 1
      case .dedent: depth -= 1
      case .endMarker: return p
      default: break
      }
      p += 1
    } while depth > 0
    return p
  }

  /// Skips the body after a header's `:`, returning its token span.
  mutating func skipSuite() -> TokenSpan {
    let start = p
    if t[p].kind == .newline {
      p += 1
      if t[p].kind == .indent {
        _ = skipBlock()
      } else {
        error(at: p, "expected an indented block")
      }
    } else {
      skipLine()
    }
    return start..<p
  }

  /// Parses the body after a header's `:` (an indented block or a same-line statement list).
  mutating func parseSuite() -> [Statement] {
    var out: [Statement] = []
    if t[p].kind == .newline {
      p += 1
      if t[p].kind == .indent {
        p += 1
        return parseBlock(untilDedent: true)
      }
      error(at: p, "expected an indented block")
      return out
    }
    parseSimpleLine(into: &out)
    return out
  }

  /// `if`/`while`/`for`/`with`/`try` (and an orphan `elif`/`else`/`except`/`finally`) with
  /// every continuation clause.
  mutating func parseCompound(into out: inout [Statement]) {
    var clauses: [Clause] = []
    let first = t[p].keyword
    clauses.append(parseClause(Parser.clauseKind(first)))
    let continuations: [Keyword]
    switch first {
    case .if, .elif: continuations = [.elif, .else]
    case .while, .for: continuations = [.else]
    case .try, .except: continuations = [.except, .else, .finally]
    default: continuations = []
    }
    while continuations.contains(t[p].keyword) {
      clauses.append(parseClause(Parser.clauseKind(t[p].keyword)))
    }
    out.append(.compound(clauses))
  }

  static func clauseKind(_ keyword: Keyword) -> ClauseKind {
    switch keyword {
    case .if: .if
    case .elif: .elif
    case .while: .while
    case .for: .for
    case .with: .with
    case .try: .try
    case .except: .except
    case .finally: .finally
    default: .else
    }
  }

  /// One clause: keyword, header up to `:`, then its body.
  mutating func parseClause(_ kind: ClauseKind) -> Clause {
    let headerStart = p + 1
    guard let colon = headerColon(from: headerStart) else {
      error(at: p, "expected ':'")
      skipLine()
      var body: [Statement] = []
      if t[p].kind == .indent {
        p += 1
        body = parseBlock(untilDedent: true)
      }
      return Clause(kind: kind, header: headerStart..<headerStart, body: body)
    }
    p = colon + 1
    return Clause(kind: kind, header: headerStart..<colon, body: parseSuite())
  }

  /// A `match` soft keyword starts a statement when its line is a header ending in `:`
  /// followed by an indented block.
  func isMatchStatement() -> Bool {
    let next = t[p + 1]
    if next.kind == .op, !next.opensBracket, !next.isOp(.star), !next.isOp(.minus) { return false }
    if atLineEnd(p + 1) { return false }
    guard let colon = headerColon(from: p + 1) else { return false }
    return t[colon + 1].kind == .newline && t[colon + 2].kind == .indent
  }

  /// `match subject:` followed by `case pattern [if guard]:` clauses.
  mutating func parseMatch(into out: inout [Statement]) {
    var clauses = [parseHeaderOnly(.match)]
    p += 2  // NEWLINE, INDENT (checked by isMatchStatement)
    while true {
      let before = p
      let token = t[p]
      if token.kind == .dedent { p += 1; break }
      if token.kind == .endMarker { break }
      if token.kind == .newline {
        p += 1
        continue
      }
      if token.isKeyword(.softCase), headerColon(from: p + 1) != nil {
        clauses.append(parseClause(.case))
      } else {
        error(at: p, "invalid syntax: expected 'case'")
        var ignored: [Statement] = []
        parseStatement(into: &ignored)
      }
      if p <= before { p = before + 1 }
    }
    out.append(.compound(clauses))
  }

  /// A clause whose header is parsed but whose body is handled by the caller.
  mutating func parseHeaderOnly(_ kind: ClauseKind) -> Clause {
    let headerStart = p + 1
    let colon = headerColon(from: headerStart) ?? headerStart
    p = colon + 1
    return Clause(kind: kind, header: headerStart..<colon, body: [])
  }
}
