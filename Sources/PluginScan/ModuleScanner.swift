import APIModel
import PySyntax

/// Finds the upstream references of one parsed plugin module by walking its tokens: every
/// statement at every depth, function bodies included.
struct ModuleScanner {
  let parsed: ParsedModule
  let t: [Token]
  /// The file, relative to the plugin root.
  let file: String
  let module: String
  let isPackage: Bool
  let configuration: ScanConfiguration
  let upstreamPrefix: String

  var p = 0
  var scopes: [Scope]
  var gates: [VersionConstraint] = []
  var isTypeCheckingOnly = false
  /// Inside a method of a class whose first base is upstream: that base.
  var superTarget: [Resolved] = []
  var deferred: [DeferredBody] = []
  var references: [PluginReference] = []
  /// Upstream objects functions stored in module globals (`global x; x = vllm.y.f`).
  var globalBindings: [String: Binding] = [:]
  /// Scanners of f-string replacement fields: the line and column of the field's literal.
  var fieldOrigin: (line: Int, column: Int)?

  init(parsed: ParsedModule, file: String, module: String, isPackage: Bool, configuration: ScanConfiguration) {
    self.parsed = parsed
    self.t = parsed.tokens
    self.file = file
    self.module = module
    self.isPackage = isPackage
    self.configuration = configuration
    self.upstreamPrefix = configuration.upstreamPackage + "."
    self.scopes = [Scope(isClass: false, path: module)]
  }

  /// Scans the module body, then every function body; references come in discovery order.
  mutating func run() -> [PluginReference] {
    walkBlock(untilDedent: false)
    var moduleScope = scopes[0]
    let moduleReferences = references
    let bodies = deferred
    walkDeferred(moduleScope)
    guard !globalBindings.isEmpty else { return references }
    // A function stored an upstream object in a module global (`global _orig; _orig = mod.f`):
    // every body may use it, so the bodies are read again with the global's new meaning.
    for (name, binding) in globalBindings {
      moduleScope.names[name] = .either((moduleScope.names[name].map { [$0] } ?? []) + [binding])
    }
    references = moduleReferences
    deferred = bodies
    walkDeferred(moduleScope)
    return references
  }

  /// Scans the deferred function bodies (and those they define) against the module's names.
  mutating func walkDeferred(_ moduleScope: Scope) {
    while let body = deferred.popLast() {
      scopes = [moduleScope] + body.scopes
      gates = body.gates
      isTypeCheckingOnly = body.isTypeCheckingOnly
      superTarget = body.superTarget
      p = body.start
      walkSuite()
    }
  }

  // MARK: Blocks and compound statements

  mutating func walkBlock(untilDedent: Bool) {
    while true {
      let before = p
      switch t[p].kind {
      case .endMarker:
        return
      case .dedent:
        p += 1
        if untilDedent { return }
      case .indent:
        p += 1
        walkBlock(untilDedent: true)
      case .newline:
        p += 1
      default:
        statement()
      }
      if p <= before { p = before + 1 }
    }
  }

  /// The body after a header's `:` at `p`: an indented block or statements on the same line.
  mutating func walkSuite() {
    if t[p].kind == .newline {
      p += 1
      if t[p].kind == .indent {
        p += 1
        walkBlock(untilDedent: true)
      }
    } else {
      walkSimpleLine()
    }
  }

  /// Skips the body after a header's `:` at `p`.
  mutating func skipSuite() {
    if t[p].kind == .newline {
      p += 1
      guard t[p].kind == .indent else { return }
      var depth = 0
      repeat {
        switch t[p].kind {
        case .indent: depth += 1
        case .dedent: depth -= 1
        case .endMarker: return
        default: break
        }
        p += 1
      } while depth > 0
    } else {
      p = lineEnd(p)
      if t[p].kind == .newline { p += 1 }
    }
  }

  mutating func statement() {
    let token = t[p]
    if token.isOp(.at) {
      decorated()
      return
    }
    switch token.keyword {
    case .def:
      function(decorators: [])
    case .class:
      classDefinition(decorators: [])
    case .async where t[p + 1].isKeyword(.def):
      p += 1
      function(decorators: [])
    case .async where t[p + 1].isKeyword(.for) || t[p + 1].isKeyword(.with):
      p += 1
      clause()
    case .if:
      ifChain()
    case .try:
      tryStatement()
    case .while, .for, .with, .elif, .else, .except, .finally:
      clause()
    case .softMatch, .softCase:
      if let colon = headerColon(p + 1), t[colon + 1].kind == .newline, t[colon + 2].kind == .indent {
        clause()
      } else {
        walkSimpleLine()
      }
    default:
      walkSimpleLine()
    }
  }

  /// One clause of a `while`/`for`/`with`/`try`/`match` statement; its body keeps the lane.
  mutating func clause() {
    guard let colon = headerColon(p + 1) else {
      walkSimpleLine()
      return
    }
    scanExpression(p + 1, colon)
    bindClauseNames(p, colon)
    p = colon + 1
    walkSuite()
  }

  /// `try:` and its `except` clauses: afterwards a name may hold what the `try` body or any
  /// handler bound (`try: from vllm.x import A` / `except ImportError: A = object`).
  /// `else` and `finally` follow as ordinary clauses.
  mutating func tryStatement() {
    clause()
    let afterTry = scopes[scopes.count - 1].names
    var branches = [afterTry]
    while t[p].isKeyword(.except) {
      scopes[scopes.count - 1].names = afterTry
      clause()
      branches.append(scopes[scopes.count - 1].names)
    }
    mergeBranches(afterTry, branches, hasElse: true)
  }

  /// Names bound by a clause header (`for x, y in`, `with f() as x`, `except E as x`) are local
  /// values, not imports.
  mutating func bindClauseNames(_ keyword: Int, _ colon: Int) {
    var i = keyword + 1
    if t[keyword].isKeyword(.for) {
      while i < colon, !t[i].isKeyword(.in) {
        if isName(i), !t[i - 1].isOp(.dot) { bind(text(i), .opaque) }
        i += 1
      }
      return
    }
    while i + 1 < colon {
      if t[i].isKeyword(.as), isName(i + 1) { bind(text(i + 1), .opaque) }
      i += 1
    }
  }

  /// `if`/`elif`/`else`: each body gets the version constraints of its test, after the
  /// negation of the earlier tests.
  mutating func ifChain() {
    var earlier: [Gate?] = []
    let before = scopes[scopes.count - 1].names
    var branches: [[String: Binding]] = []
    var hasElse = false
    defer { mergeBranches(before, branches, hasElse: hasElse) }
    while true {
      let isElse = t[p].isKeyword(.else)
      hasElse = isElse
      guard let colon = headerColon(p + 1) else {
        walkSimpleLine()
        return
      }
      scopes[scopes.count - 1].names = before
      let gate = isElse ? nil : self.gate(p + 1, colon)
      if !isElse { scanExpression(p + 1, colon) }
      let saved = (gates, isTypeCheckingOnly)
      for previous in earlier {
        if let negated = previous?.negated { gates += negated }
      }
      if let gate {
        gates += gate.constraints
        if gate.isTypeChecking { isTypeCheckingOnly = true }
      }
      p = colon + 1
      walkSuite()
      branches.append(scopes[scopes.count - 1].names)
      (gates, isTypeCheckingOnly) = saved
      if isElse { return }
      earlier.append(gate)
      guard t[p].isKeyword(.elif) || t[p].isKeyword(.else) else { return }
    }
  }

  /// After an `if` chain a name may hold what any branch bound, or its earlier value when
  /// no `else` ran: `if v: from vllm.a import X else: from pkg.b import X`.
  mutating func mergeBranches(_ before: [String: Binding], _ branches: [[String: Binding]], hasElse: Bool) {
    guard let last = branches.last else { return }
    var merged = last
    var names = Set<String>()
    for branch in branches { names.formUnion(branch.keys) }
    for name in names {
      let first = branches[0][name]
      if branches.allSatisfy({ $0[name] == first }), hasElse || before[name] == first { continue }
      merged[name] = .either((branches.map { $0[name] } + (hasElse ? [] : [before[name]])).compactMap { $0 })
    }
    scopes[scopes.count - 1].names = merged
  }
}
