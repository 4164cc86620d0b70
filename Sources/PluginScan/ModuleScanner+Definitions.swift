import PySyntax

extension ModuleScanner {
  /// `@decorator` lines and the `def` or `class` they decorate.
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
}
