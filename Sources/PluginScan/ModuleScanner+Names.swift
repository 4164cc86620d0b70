import APIModel

extension ModuleScanner {
  /// Binds `name` in the innermost scope. An upstream value given to a name the function
  /// declared `global` is remembered for the module's other functions.
  mutating func bind(_ name: String, _ binding: Binding) {
    scopes[scopes.count - 1].names[name] = binding
    guard scopes.count > 1, scopes[scopes.count - 1].globals.contains(name),
          binding.resolved.contains(where: { isUpstream($0.path) }) else { return }
    globalBindings[name] = .either((globalBindings[name].map { [$0] } ?? []) + [binding])
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
