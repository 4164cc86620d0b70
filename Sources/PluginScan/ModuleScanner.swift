import APIModel
import PySyntax

/// What a name refers to in plugin code.
indirect enum Binding: Equatable {
  /// A module, class, function or value with a known dotted path (upstream, plugin or other),
  /// bound under the version constraints `lane`.
  case path(String, lane: [VersionConstraint] = [])
  /// A local value whose origin is unknown: a parameter, a loop variable, a computed value.
  case opaque
  /// Different bindings made by the branches of an `if` (never nested, at least two).
  case alternatives([Binding])

  /// The binding of `name.rest...`.
  func member(_ rest: ArraySlice<String>) -> Binding {
    guard !rest.isEmpty else { return self }
    switch self {
    case .path(let path, let lane): return .path(path + "." + rest.joined(separator: "."), lane: lane)
    case .opaque: return .opaque
    case .alternatives(let choices): return .alternatives(choices.map { $0.member(rest) })
    }
  }

  /// The choices of alternatives, or the binding itself.
  var flattened: [Binding] {
    if case .alternatives(let choices) = self { return choices }
    return [self]
  }

  /// Every known path, with the lane it was bound under.
  var resolved: [Resolved] {
    switch self {
    case .path(let path, let lane): [Resolved(path: path, lane: lane)]
    case .opaque: []
    case .alternatives(let choices): choices.flatMap(\.resolved)
    }
  }
}

/// A dotted path a name may refer to, and the version constraints under which it was bound.
struct Resolved: Equatable {
  var path: String
  var lane: [VersionConstraint]
}

/// The names bound in one module, class or function body.
struct Scope {
  var names: [String: Binding] = [:]
  var isClass: Bool
  /// The dotted path of definitions made here: `vllm_mindspore.x` or `vllm_mindspore.x.C`.
  var path: String
  /// Classes: the first base when it is upstream (each path it may be), the target of
  /// `super()` in its methods.
  var upstreamBase: [Resolved] = []
  /// Classes: the names of the methods defined directly in the body, in order.
  var methods: [String] = []
  /// Functions: names declared `global`.
  var globals: Set<String> = []
}

/// A function body, scanned once its module has been read: Python runs it later, against the
/// module's final names.
struct DeferredBody {
  /// The token after the header's `:`.
  var start: Int
  /// The enclosing class and function scopes, the function's own scope last.
  var scopes: [Scope]
  var gates: [VersionConstraint]
  var isTypeCheckingOnly: Bool
  var superTarget: [Resolved]
}

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
    for (name, binding) in globalBindings.sorted(by: { $0.key < $1.key }) {
      var choices = moduleScope.names[name]?.flattened ?? []
      for choice in binding.flattened where !choices.contains(choice) { choices.append(choice) }
      moduleScope.names[name] = choices.count == 1 ? choices[0] : .alternatives(choices)
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
    case .while, .for, .with, .try, .elif, .else, .except, .finally:
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
      var choices: [Binding] = []
      for binding in branches.map({ $0[name] }) + (hasElse ? [] : [before[name]]) {
        guard let binding else { continue }
        for choice in binding.flattened where !choices.contains(choice) { choices.append(choice) }
      }
      merged[name] = choices.count == 1 ? choices[0] : .alternatives(choices)
    }
    scopes[scopes.count - 1].names = merged
  }

  mutating func decorated() {
    var decorators: [TokenSpan] = []
    while t[p].isOp(.at) {
      let end = lineEnd(p)
      decorators.append((p + 1)..<end)
      p = end
      if t[p].kind == .newline { p += 1 }
    }
    if t[p].isKeyword(.async), t[p + 1].isKeyword(.def) { p += 1 }
    if t[p].isKeyword(.def) {
      function(decorators: decorators)
    } else if t[p].isKeyword(.class) {
      classDefinition(decorators: decorators)
    }
  }

  /// `def name(params) -> returns: body`; `p` is at `def`. The body is deferred.
  mutating func function(decorators: [TokenSpan]) {
    guard isName(p + 1) else {
      walkSimpleLine()
      return
    }
    let name = text(p + 1)
    var open = p + 2
    if t[open].isOp(.lsqb) { open = matchingBracket(open) + 1 }
    guard t[open].isOp(.lpar), let colon = headerColon(open) else {
      walkSimpleLine()
      return
    }
    let close = matchingBracket(open)
    scanExpression(open + 1, colon)
    let path = scopes[scopes.count - 1].path + "." + name
    for decorator in decorators { self.decorator(decorator, decorating: path) }
    var own = Scope(isClass: false, path: path)
    for parameter in parameterNames(open + 1, close) { own.names[parameter] = .opaque }
    let enclosing = scopes[scopes.count - 1]
    if enclosing.isClass { scopes[scopes.count - 1].methods.append(name) }
    bind(name, .path(path))
    deferred.append(DeferredBody(
      start: colon + 1, scopes: Array(scopes.dropFirst()) + [own], gates: gates,
      isTypeCheckingOnly: isTypeCheckingOnly, superTarget: enclosing.isClass ? enclosing.upstreamBase : []))
    p = colon + 1
    skipSuite()
  }

  /// `class Name(bases): body`; `p` is at `class`. The body runs now, in a class scope.
  mutating func classDefinition(decorators: [TokenSpan]) {
    guard isName(p + 1) else {
      walkSimpleLine()
      return
    }
    let keyword = p
    let name = text(p + 1)
    var i = p + 2
    if t[i].isOp(.lsqb) { i = matchingBracket(i) + 1 }
    guard let colon = headerColon(i) else {
      walkSimpleLine()
      return
    }
    var bases: [Resolved] = []
    // super() reaches upstream directly only when the first base is upstream
    var superBase: [Resolved] = []
    if t[i].isOp(.lpar) {
      let close = matchingBracket(i)
      let pieces = splitOnCommas(i + 1, close).filter { !(isName($0.lowerBound) && t[$0.lowerBound + 1].isOp(.equal)) }
      for (position, piece) in pieces.enumerated() {
        guard let (parts, next) = chain(piece.lowerBound, piece.upperBound), next == piece.upperBound else { continue }
        for base in resolveAll(parts) where isUpstream(base.path) {
          bases.append(base)
          if position == 0 { superBase.append(base) }
        }
      }
      scanExpression(i + 1, close)
    }
    let path = scopes[scopes.count - 1].path + "." + name
    for decorator in decorators { self.decorator(decorator, decorating: path) }
    scopes.append(Scope(isClass: true, path: path, upstreamBase: superBase))
    p = colon + 1
    walkSuite()
    let methods = scopes.removeLast().methods
    bind(name, .path(path))
    var seen = Set<String>()
    let overrides = methods.filter { seen.insert($0).inserted }
    for base in bases {
      add(.subclass, base.path, pluginSymbol: path, at: keyword, via: "base", overrides: overrides, lane: base.lane)
    }
  }

  // MARK: Names

  mutating func bind(_ name: String, _ binding: Binding) {
    scopes[scopes.count - 1].names[name] = binding
    guard scopes.count > 1, scopes[scopes.count - 1].globals.contains(name),
          binding.resolved.contains(where: { isUpstream($0.path) }) else { return }
    var choices = globalBindings[name]?.flattened ?? []
    for choice in binding.flattened where !choices.contains(choice) { choices.append(choice) }
    globalBindings[name] = choices.count == 1 ? choices[0] : .alternatives(choices)
  }

  /// The binding of `name` as seen from the innermost scope (class scopes only from their own body).
  func lookup(_ name: String) -> Binding? {
    let innermost = scopes.count - 1
    for index in stride(from: innermost, through: 0, by: -1) {
      if scopes[index].isClass, index != innermost { continue }
      if let binding = scopes[index].names[name] { return binding }
    }
    return nil
  }

  /// The binding of the dotted name `a.b.c`, from the binding of `a`.
  func binding(_ parts: [String]) -> Binding? {
    lookup(parts[0])?.member(parts.dropFirst())
  }

  /// Every path `a.b.c` may refer to (several after branches bound `a` differently).
  func resolveAll(_ parts: [String]) -> [Resolved] {
    binding(parts)?.resolved ?? []
  }

  /// The first path `a.b.c` may refer to.
  func resolve(_ parts: [String]) -> String? {
    resolveAll(parts).first?.path
  }

  func isUpstream(_ path: String) -> Bool {
    path.hasPrefix(upstreamPrefix) || path == configuration.upstreamPackage
  }

  /// The plugin path of the code being scanned: its function, class or module.
  var currentSymbol: String { scopes[scopes.count - 1].path }

  /// Where the token at `index` is in the file.
  func location(_ index: Int) -> SourceLocation {
    let token = t[index]
    guard let fieldOrigin else { return SourceLocation(file: file, line: Int(token.line), column: Int(token.column)) }
    return SourceLocation(file: file, line: fieldOrigin.line + Int(token.line) - 1, column: fieldOrigin.column)
  }

  mutating func add(
    _ kind: ReferenceKind, _ target: String, pluginSymbol: String?, at index: Int, via: String,
    arguments: CallArguments? = nil, overrides: [String]? = nil, lane extra: [VersionConstraint] = []
  ) {
    var lane = gates
    for constraint in extra where !lane.contains(constraint) { lane.append(constraint) }
    references.append(PluginReference(
      kind: kind, target: target, pluginSymbol: pluginSymbol, location: location(index),
      via: via, arguments: arguments, overrides: overrides, lane: lane.isEmpty ? nil : lane,
      isTypeCheckingOnly: isTypeCheckingOnly ? true : nil))
  }
}
