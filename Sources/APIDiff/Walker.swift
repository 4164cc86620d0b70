import APIModel

/// Pairs the definitions and exported aliases of two resolved surfaces and reports what it
/// finds as events, in path order. Rules classify the events; the walker never classifies.
///
/// Old definitions are visited in sorted order, so a container is settled before its
/// members: a removed module or class absorbs its members, and the members of a moved one
/// are paired at its new path.
struct Walker {
  let old: ResolvedSurface
  let new: ResolvedSurface

  private var events: [DiffEvent] = []
  /// Old containers now at another path: old path → new path.
  private var moved: [String: String] = [:]
  /// Old paths reported removed (their members are absorbed), or changed kind.
  private var gone: Set<String> = []
  /// New paths that are the counterpart of an old definition.
  private var claimed: Set<String> = []
  /// New paths reported added.
  private var added: Set<String> = []
  /// New definitions at paths no old definition had, by "kind name".
  private let newcomers: [String: [String]]

  init(old: ResolvedSurface, new: ResolvedSurface) {
    self.old = old
    self.new = new
    var newcomers: [String: [String]] = [:]
    for (path, symbol) in new.definitions where old.definitions[path] == nil {
      newcomers[Walker.moveKey(symbol), default: []].append(path)
    }
    self.newcomers = newcomers.mapValues { $0.sorted() }
  }

  mutating func run() -> [DiffEvent] {
    for path in old.definitions.keys.sorted() { visitOld(path) }
    for path in new.definitions.keys.sorted() where !claimed.contains(path) && old.definitions[path] == nil {
      visitNew(path)
    }
    visitAliases()
    return events
  }

  private mutating func visitOld(_ path: String) {
    guard let symbol = old.definitions[path], !Walker.hasAncestor(path, in: gone) else { return }
    if let (ancestor, target) = nearestMovedAncestor(path) {
      let mapped = target + path.dropFirst(ancestor.count)
      if let counterpart = new.definitions[mapped] { return pair(symbol, counterpart) }
      return remove(symbol)
    }
    if let counterpart = new.definitions[path] { return pair(symbol, counterpart) }
    if let canonical = new.resolve(path), let counterpart = new.definitions[canonical] {
      if counterpart.kind == symbol.kind {
        moved[path] = canonical
        events.append(.moved(Move(old: symbol, new: counterpart, isAliasKept: true, otherCandidates: [])))
      }
      return pair(symbol, counterpart)
    }
    let candidates = moveCandidates(for: symbol)
    if let best = candidates.first {
      moved[path] = best
      events.append(.moved(Move(old: symbol, new: new.definitions[best]!, isAliasKept: false,
                                otherCandidates: Array(candidates.dropFirst()))))
      return pair(symbol, new.definitions[best]!)
    }
    remove(symbol)
  }

  private mutating func pair(_ oldSymbol: Symbol, _ newSymbol: Symbol) {
    claimed.insert(newSymbol.path)
    if oldSymbol.kind != newSymbol.kind { gone.insert(oldSymbol.path) }
    events.append(.paired(SymbolPair(old: oldSymbol, new: newSymbol)))
  }

  private mutating func remove(_ symbol: Symbol) {
    gone.insert(symbol.path)
    events.append(.removed(Presence(
      symbol: symbol, publicMembers: Walker.publicMembers(of: symbol.path, in: old),
      importPaths: exportedImportPaths(of: symbol.path, in: old),
      isTypeCheckingOnlyElsewhere: new.typeCheckingOnly.contains(symbol.path))))
  }

  private mutating func visitNew(_ path: String) {
    guard !Walker.hasAncestor(path, in: added), let symbol = new.definitions[path] else { return }
    added.insert(path)
    events.append(.added(Presence(
      symbol: symbol, publicMembers: Walker.publicMembers(of: path, in: new),
      importPaths: exportedImportPaths(of: path, in: new),
      isTypeCheckingOnlyElsewhere: old.typeCheckingOnly.contains(path))))
  }

  private mutating func visitAliases() {
    for path in old.exportedAliases.sorted() where !Walker.hasAncestor(path, in: gone) {
      let oldAlias = old.aliases[path]
      if let target = old.aliasTargets[path] {
        // The object's own removal is reported where it was defined.
        if new.resolve(path) == nil && !Walker.hasAncestor(target, in: gone, orSelf: true) {
          events.append(.aliasRemoved(AliasChange(path: path, old: oldAlias, new: nil)))
        }
      } else if new.resolve(path) == nil {
        let newAlias = new.aliases[path]
        if newAlias == nil && new.definitions[path] == nil {
          events.append(.aliasRemoved(AliasChange(path: path, old: oldAlias, new: nil)))
        } else if let newAlias, newAlias.target != oldAlias?.target {
          events.append(.aliasRetargeted(AliasChange(path: path, old: oldAlias, new: newAlias)))
        }
      }
    }
    for path in new.exportedAliases.sorted()
    where old.resolve(path) == nil && old.aliases[path] == nil && !Walker.hasAncestor(path, in: added) {
      // Aliases of added objects are named by the addition itself.
      if let target = new.aliasTargets[path], Walker.hasAncestor(target, in: added, orSelf: true) { continue }
      events.append(.aliasAdded(AliasChange(path: path, old: nil, new: new.aliases[path])))
    }
  }

  /// New definitions of the same kind and name at paths that had no definition, best first:
  /// the same parent name, then the longest common module path. Members of classes must
  /// keep their class name, since `forward` appears in new classes all the time.
  private func moveCandidates(for symbol: Symbol) -> [String] {
    let parentName = Walker.lastComponent(symbol.parentPath)
    let mustKeepParent = symbol.kind == .method || symbol.kind == .attribute
    let scored = (newcomers[Walker.moveKey(symbol)] ?? []).compactMap { candidate -> (String, Int, Int)? in
      guard !claimed.contains(candidate), old.resolve(candidate) == nil,
            let other = new.definitions[candidate] else { return nil }
      let sameParent = Walker.lastComponent(other.parentPath) == parentName
      if mustKeepParent && !sameParent { return nil }
      return (candidate, sameParent ? 1 : 0, Walker.commonPrefix(symbol.path, candidate))
    }
    guard let top = scored.max(by: { ($0.1, $0.2) < ($1.1, $1.2) }) else { return [] }
    let best = scored.filter { $0.1 == top.1 && $0.2 == top.2 }.map(\.0).sorted()
    return best
  }

  private func nearestMovedAncestor(_ path: String) -> (String, String)? {
    var end = path.endIndex
    while let dot = path[..<end].lastIndex(of: ".") {
      let ancestor = String(path[..<dot])
      if let target = moved[ancestor] { return (ancestor, target) }
      end = dot
    }
    return nil
  }

  private func exportedImportPaths(of canonical: String, in surface: ResolvedSurface) -> [String] {
    (surface.reexports[canonical] ?? []).filter { surface.exportedAliases.contains($0) }
  }

  static func publicMembers(of path: String, in surface: ResolvedSurface) -> [String] {
    surface.descendants(of: path).compactMap { member in
      let relative = String(member.dropFirst(path.count + 1))
      return relative.split(separator: ".").allSatisfy(SymbolPath.isPublicName) ? relative : nil
    }
  }

  static func hasAncestor(_ path: String, in set: Set<String>, orSelf: Bool = false) -> Bool {
    if set.isEmpty { return false }
    if orSelf && set.contains(path) { return true }
    var end = path.endIndex
    while let dot = path[..<end].lastIndex(of: ".") {
      if set.contains(String(path[..<dot])) { return true }
      end = dot
    }
    return false
  }

  static func moveKey(_ symbol: Symbol) -> String { "\(symbol.kind.rawValue) \(symbol.name)" }

  static func lastComponent(_ path: Substring) -> Substring {
    path[(path.lastIndex(of: ".").map { path.index(after: $0) } ?? path.startIndex)...]
  }

  static func commonPrefix(_ a: String, _ b: String) -> Int {
    zip(a.split(separator: "."), b.split(separator: ".")).prefix { $0 == $1 }.count
  }
}
