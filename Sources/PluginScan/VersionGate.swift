import PySyntax

/// What an `if` test says about the code under it.
struct Gate {
  /// Constraints that hold in the body.
  var constraints: [VersionConstraint] = []
  /// The test is exactly the conjunction of `constraints`, so its negation is known when
  /// there is one constraint.
  var isExact = true
  /// `if TYPE_CHECKING:`.
  var isTypeChecking = false

  /// What holds in a later `elif`/`else`: the negated constraint, when expressible.
  var negated: [VersionConstraint]? {
    guard isExact, constraints.count == 1, let op = VersionGate.negation[constraints[0].op] else { return nil }
    return [VersionConstraint(op: op, version: constraints[0].version)]
  }
}

/// Comparison operators of version tests.
enum VersionGate {
  static let operators: [String] = ["==", "!=", "<", "<=", ">", ">="]
  static let negation = ["==": "!=", "!=": "==", "<": ">=", ">=": "<", "<=": ">", ">": "<="]
  /// The operator seen from the other side: `"0.9" < v` is `v > "0.9"`.
  static let mirrored = ["==": "==", "!=": "!=", "<": ">", ">": "<", "<=": ">=", ">=": "<="]
  /// Calls that turn a version string into a comparable version.
  static let parsers: Set<String> = ["parse", "Version", "parse_version", "LooseVersion", "StrictVersion"]
}

extension ModuleScanner {
  /// The version constraints or `TYPE_CHECKING` guard of the test `start..<end`; nil when the
  /// test is about something else.
  func gate(_ start: Int, _ end: Int) -> Gate? {
    let range = strippingParentheses(start, end)
    guard !range.isEmpty else { return nil }
    if let parts = wholeChain(range) {
      if parts[parts.count - 1] == "TYPE_CHECKING" { return Gate(isExact: false, isTypeChecking: true) }
      if parts.count == 1, case .versionTest(let constraints)? = lookup(parts[0]) { return Gate(constraints: constraints) }
    }
    let disjuncts = split(range, on: .or)
    guard disjuncts.count == 1 else { return nil }
    let conjuncts = split(range, on: .and)
    if conjuncts.count > 1 {
      var combined = Gate()
      for conjunct in conjuncts {
        guard let gate = gate(conjunct.lowerBound, conjunct.upperBound), !gate.isTypeChecking else {
          combined.isExact = false
          continue
        }
        combined.constraints += gate.constraints
        combined.isExact = combined.isExact && gate.isExact
      }
      return combined.constraints.isEmpty ? nil : combined
    }
    var first = range.lowerBound
    while first < range.upperBound, t[first].isKeyword(.not) { first += 1 }
    if first > range.lowerBound {
      guard let inner = gate(first, range.upperBound) else { return nil }
      if (first - range.lowerBound).isMultiple(of: 2) { return inner }
      return inner.negated.map { Gate(constraints: $0) }
    }
    return comparison(range) ?? helperTest(range)
  }

  /// `start..<end` split on a top-level `and` or `or`.
  func split(_ range: TokenSpan, on keyword: Keyword) -> [TokenSpan] {
    var pieces: [TokenSpan] = []
    var depth = 0
    var pieceStart = range.lowerBound
    for i in range {
      if t[i].opensBracket {
        depth += 1
      } else if t[i].closesBracket {
        depth -= 1
      } else if depth == 0, t[i].isKeyword(keyword) {
        pieces.append(pieceStart..<i)
        pieceStart = i + 1
      }
    }
    pieces.append(pieceStart..<range.upperBound)
    return pieces
  }

  /// `subject OP literal` or `literal OP subject` with one comparison operator.
  func comparison(_ range: TokenSpan) -> Gate? {
    var found: (index: Int, op: String)?
    var depth = 0
    for i in range {
      if t[i].opensBracket {
        depth += 1
      } else if t[i].closesBracket {
        depth -= 1
      } else if depth == 0, t[i].kind == .op, t[i].op == .other, case let op = text(i), VersionGate.operators.contains(op) {
        guard found == nil else { return nil }  // chained comparisons are not lanes
        found = (i, op)
      }
    }
    guard let (index, op) = found else { return nil }
    let left = range.lowerBound..<index
    let right = (index + 1)..<range.upperBound
    if isVersionSubject(left), let version = versionLiteral(right) {
      return Gate(constraints: [VersionConstraint(op: op, version: version)])
    }
    if isVersionSubject(right), let version = versionLiteral(left), let mirrored = VersionGate.mirrored[op] {
      return Gate(constraints: [VersionConstraint(op: mirrored, version: version)])
    }
    return nil
  }

  /// A configured version helper called with a literal: `vllm_version_is("0.9.1")`.
  func helperTest(_ range: TokenSpan) -> Gate? {
    guard let (parts, open) = chain(range.lowerBound, range.upperBound), open < range.upperBound,
          t[open].isOp(.lpar), matchingBracket(open) == range.upperBound - 1,
          let helper = configuration.versionHelpers.first(where: { $0.name == parts[parts.count - 1] }),
          let version = stringLiteral((open + 1)..<(range.upperBound - 1))
    else { return nil }
    return Gate(constraints: [VersionConstraint(op: helper.op, version: version)])
  }

  /// The callee and single argument of a call filling `range`.
  func singleArgumentCall(_ range: TokenSpan) -> (callee: String, argument: TokenSpan)? {
    let inner = strippingParentheses(range.lowerBound, range.upperBound)
    guard let (parts, open) = chain(inner.lowerBound, inner.upperBound), open < inner.upperBound,
          t[open].isOp(.lpar), matchingBracket(open) == inner.upperBound - 1
    else { return nil }
    let arguments = arguments(open, inner.upperBound - 1)
    guard arguments.count == 1, arguments[0].keyword == nil, arguments[0].unpacking == 0 else { return nil }
    return (parts[parts.count - 1], arguments[0].range)
  }

  /// The upstream version: `vllm.__version__`, `version("vllm")`, or either inside `parse(...)`/`Version(...)`.
  func isVersionSubject(_ range: TokenSpan) -> Bool {
    if let parts = wholeChain(range) {
      if parts.count == 1, lookup(parts[0]) == .versionSubject { return true }
      return resolveAll(parts).contains { $0.path == configuration.upstreamPackage + ".__version__" }
    }
    guard let (callee, argument) = singleArgumentCall(range) else { return false }
    if callee == "version" { return stringLiteral(argument) == configuration.upstreamPackage }
    return VersionGate.parsers.contains(callee) && isVersionSubject(argument)
  }

  /// A version written as a literal: `"0.9.1"` or `Version("0.9.1")`.
  func versionLiteral(_ range: TokenSpan) -> String? {
    if let literal = stringLiteral(range) { return literal }
    guard let (callee, argument) = singleArgumentCall(range), VersionGate.parsers.contains(callee) else { return nil }
    return versionLiteral(argument)
  }
}
