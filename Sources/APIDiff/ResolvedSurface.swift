import APIModel

/// A release's surface as it exists at run time, with every alias resolved to the
/// definition it names.
///
/// Definitions (modules, classes, functions, methods, attributes) are keyed by their
/// canonical path. An alias resolves by following alias chains, attributes of packages and
/// classes (`vllm.config.CacheConfig` when `vllm.config` re-exports `vllm.config.cache`),
/// and star imports; cycles and targets outside the snapshot (`torch.nn.Module`) stay
/// unresolved. Symbols under `if TYPE_CHECKING:` do not exist at run time and are left out,
/// except the imports of a module that defines `__getattr__`: such a module provides them
/// lazily (as `vllm/__init__.py` does).
public struct ResolvedSurface: Sendable {
  /// Every run-time definition by canonical path.
  public let definitions: [String: Symbol]
  /// Every run-time alias by its own path.
  public let aliases: [String: Symbol]
  /// Paths bound only under `if TYPE_CHECKING:`.
  public let typeCheckingOnly: Set<String>
  /// The canonical path each alias resolves to; absent for unresolved aliases.
  public let aliasTargets: [String: String]
  /// Per canonical path, the alias paths that resolve to it, sorted.
  public let reexports: [String: [String]]
  /// Aliases that are part of their module's API: listed in a literal `__all__`, or public
  /// names of a package's `__init__` when it has no `__all__`.
  public let exportedAliases: Set<String>
  /// Every definition's canonical path, sorted: a container before its members.
  let sortedPaths: [String]
  /// Per canonical path of a module or class, the paths of the definitions directly in it.
  let children: [String: [String]]
  let starImports: [String: [String]]
  let exports: [String: Set<String>]

  public init(_ snapshot: Snapshot) {
    let symbolCount = snapshot.modules.reduce(0) { $0 + $1.symbols.count }
    var definitions: [String: Symbol] = [:]
    definitions.reserveCapacity(symbolCount)
    var aliases: [String: Symbol] = [:]
    var typeChecking: Set<String> = []
    var starImports: [String: [String]] = [:]
    var exports: [String: Set<String>] = [:]
    var exportedAliases: Set<String> = []
    for module in snapshot.modules {
      if let stars = module.starImports, !stars.isEmpty { starImports[module.module] = stars }
      if let names = module.exports { exports[module.module] = Set(names) }
      let isPackage = module.file.hasSuffix("__init__.py") || module.file.hasSuffix("__init__.pyi")
      let isLazy = module.symbols.contains {
        $0.kind == .function && $0.path == module.module + ".__getattr__" && !ResolvedSurface.isTypeChecking($0)
      }
      for symbol in module.symbols {
        if ResolvedSurface.isTypeChecking(symbol) && !(isLazy && symbol.kind == .alias) {
          typeChecking.insert(symbol.path)
          continue
        }
        if symbol.kind == .alias {
          guard symbol.target != nil, definitions[symbol.path] == nil else { continue }
          aliases[symbol.path] = symbol
          if symbol.parentPath == module.module {
            let name = String(symbol.name)
            let exported = module.exports.map { $0.contains(name) }
              ?? (isPackage && SymbolPath.isPublicName(symbol.name))
            if exported { exportedAliases.insert(symbol.path) }
          }
        } else if let existing = definitions[symbol.path] {
          if ResolvedSurface.prefers(symbol, over: existing) { definitions[symbol.path] = symbol }
        } else {
          definitions[symbol.path] = symbol
          aliases[symbol.path] = nil
        }
      }
    }
    // Filter the small sets rather than hash every definition again.
    typeChecking = typeChecking.filter { definitions[$0] == nil && aliases[$0] == nil }
    exportedAliases = exportedAliases.filter { aliases[$0] != nil }

    var children: [String: [String]] = [:]
    for path in definitions.keys {
      guard let dot = path.utf8.lastIndex(of: UInt8(ascii: ".")) else { continue }
      let parent = String(path[..<dot])
      if definitions[parent] != nil { children[parent, default: []].append(path) }
    }
    self.definitions = definitions
    self.aliases = aliases
    self.typeCheckingOnly = typeChecking
    self.children = children.mapValues { $0.sorted() }
    self.sortedPaths = definitions.keys.sorted()
    self.starImports = starImports
    self.exports = exports
    self.exportedAliases = exportedAliases

    var resolver = Resolver(definitions: definitions, aliases: aliases,
                            starImports: starImports, exports: exports)
    var targets: [String: String] = [:]
    var reexports: [String: [String]] = [:]
    for path in aliases.keys.sorted() {
      guard let canonical = resolver.resolve(path) else { continue }
      targets[path] = canonical
      reexports[canonical, default: []].append(path)
    }
    self.aliasTargets = targets
    self.reexports = reexports
  }

  /// The canonical path of the definition importable at `path`, or nil when nothing in
  /// the snapshot is importable there.
  public func resolve(_ path: String) -> String? {
    if definitions[path] != nil { return path }
    if let target = aliasTargets[path] { return target }
    var resolver = Resolver(definitions: definitions, aliases: aliases,
                            starImports: starImports, exports: exports)
    return resolver.resolve(path)
  }

  /// The qualified name a class base written in `module` refers to, without subscripts:
  /// `ABC` (imported from `abc`) → `abc.ABC`, `Generic[T]` → `typing.Generic`,
  /// `Base` → `vllm.x.Base`. Keyword entries (`metaclass=M`) and other expressions are
  /// returned as written.
  public func qualifiedName(of expression: String, in module: String) -> String {
    let head = String(expression.prefix { $0 != "[" && $0 != "(" }).trimmingWhitespace
    let parts = head.split(separator: ".", omittingEmptySubsequences: false)
    guard !head.isEmpty, !head.contains("="),
          parts.allSatisfy({ $0.first.map { $0.isLetter || $0 == "_" } == true && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } })
    else { return expression }
    let local = module + "." + parts[0]
    var first = String(parts[0])
    if definitions[local] != nil {
      first = local
    } else if let alias = aliases[local], let target = alias.target {
      first = aliasTargets[local] ?? target
    }
    let name = ([first] + parts.dropFirst().map(String.init)).joined(separator: ".")
    return resolve(name) ?? name
  }

  /// Each base of a class as a qualified name, in order.
  public func qualifiedBases(of symbol: Symbol) -> [String] {
    let module = SymbolPath.module(forFile: symbol.file)?.name ?? String(symbol.parentPath)
    return (symbol.bases ?? []).map { qualifiedName(of: $0, in: module) }
  }

  /// Every class a class derives from, directly or not, as qualified names; classes outside
  /// the snapshot end the search.
  public func ancestors(of symbol: Symbol) -> Set<String> {
    var result: Set<String> = []
    var stack = qualifiedBases(of: symbol)
    while let base = stack.popLast() {
      guard result.insert(base).inserted else { continue }
      if let cls = definitions[base], cls.kind == .class { stack += qualifiedBases(of: cls) }
    }
    return result
  }

  /// Every path an object can be imported from: its canonical path, then its aliases.
  public func importablePaths(of canonical: String) -> [String] {
    [canonical] + (reexports[canonical] ?? [])
  }

  /// Every definition below `path` (members, submodules and their members), sorted.
  public func descendants(of path: String) -> [String] {
    var result: [String] = []
    var stack = (children[path] ?? []).reversed() as [String]
    while let next = stack.popLast() {
      result.append(next)
      stack.append(contentsOf: (children[next] ?? []).reversed())
    }
    return result
  }

  static func isTypeChecking(_ symbol: Symbol) -> Bool {
    symbol.conditions?.contains(.typeChecking) == true
  }

  // Python keeps the last binding; `@overload` stubs and import fallbacks are not the
  // definition callers get.
  static func prefers(_ candidate: Symbol, over existing: Symbol) -> Bool {
    func rank(_ s: Symbol) -> Int {
      if s.decorators?.contains(where: { $0 == "overload" || $0.hasSuffix(".overload") }) == true { return 0 }
      if s.conditions?.contains(.importFallback) == true { return 1 }
      return 2
    }
    return rank(candidate) >= rank(existing)
  }
}

/// Follows aliases, attribute paths and star imports, guarding against cycles.
private struct Resolver {
  let definitions: [String: Symbol]
  let aliases: [String: Symbol]
  let starImports: [String: [String]]
  let exports: [String: Set<String>]
  var memo: [String: String?] = [:]
  var visiting: Set<String> = []

  init(definitions: [String: Symbol], aliases: [String: Symbol],
       starImports: [String: [String]], exports: [String: Set<String>]) {
    self.definitions = definitions
    self.aliases = aliases
    self.starImports = starImports
    self.exports = exports
  }

  mutating func resolve(_ path: String) -> String? {
    if definitions[path] != nil { return path }
    // Most aliases name a definition directly: no memo or cycle guard needed.
    if let target = aliases[path]?.target, definitions[target] != nil { return target }
    if let known = memo[path] { return known }
    guard visiting.insert(path).inserted else { return nil }
    defer { visiting.remove(path) }
    let result = lookup(path)
    memo[path] = result
    return result
  }

  private mutating func lookup(_ path: String) -> String? {
    if let target = aliases[path]?.target { return resolve(target) }
    guard let dot = path.lastDot else { return nil }
    let parentPath = String(path[..<dot])
    let name = String(path[path.utf8.index(after: dot)...])
    guard let parent = resolve(parentPath) else { return nil }
    if parent != parentPath { return resolve(parent + "." + name) }
    for module in starImports[parent] ?? [] where isStarExported(name, from: module) {
      if let found = resolve(module + "." + name) { return found }
    }
    return nil
  }

  private func isStarExported(_ name: String, from module: String) -> Bool {
    if let names = exports[module] { return names.contains(name) }
    return !name.hasPrefix("_")
  }
}
