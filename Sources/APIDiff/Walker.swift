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

  /// Events not yet handed over.
  private var events: [DiffEvent] = []
  /// Receives the events in order, a batch at a time, while the walk goes on.
  private var handOver: ([DiffEvent]) -> Void = { _ in }
  /// Old containers now at another path: old path → new path.
  private var moved: [String: String] = [:]
  /// Old paths reported removed (their members are absorbed), or changed kind.
  private var gone: Set<String> = []
  /// The removed modules among `gone`.
  private var removedModules: Set<String> = []
  private var removals: [Symbol] = []
  /// New paths that are the counterpart of an old definition.
  private var claimed: Set<String> = []
  /// New paths reported added, or whose kind changed: their members are not reported.
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

  /// Walks both surfaces and hands the events over in order, in batches, as they come, so
  /// they can be classified while the walk goes on.
  mutating func run(handingOver batches: @escaping ([DiffEvent]) -> Void) {
    handOver = batches
    visitOldDefinitions()
    emitRemovals()
    for path in new.sortedPaths where !claimed.contains(path) && old.definitions[path] == nil {
      visitNew(path)
    }
    visitAliases()
    if !events.isEmpty { handOver(events) }
    events = []
  }

  private static let batchSize = 256

  private mutating func emit(_ event: DiffEvent) {
    events.append(event)
    guard events.count == Walker.batchSize else { return }
    handOver(events)
    events.removeAll(keepingCapacity: true)
  }

  /// Settles the old definitions only, which decides every move: old path → new path.
  mutating func moves() -> [String: String] {
    visitOldDefinitions()
    return moved
  }

  /// Visits the old definitions in sorted order, where every ancestor comes before its
  /// members: the ancestors of the path at hand are then the open entries of a stack, so the
  /// nearest removed or moved one is found without hashing every prefix of every path.
  private mutating func visitOldDefinitions() {
    var open: [(path: String, isGone: Bool, movedTo: String?)] = []
    for path in old.sortedPaths {
      while let last = open.last, !Walker.isAncestor(last.path, of: path) { open.removeLast() }
      let gone = open.last(where: \.isGone)?.path
      let moved = open.last(where: { $0.movedTo != nil }).map { ($0.path, $0.movedTo!) }
      visitOld(path, goneAncestor: gone, movedAncestor: moved)
      open.append((path, self.gone.contains(path), self.moved[path]))
    }
  }

  private static func isAncestor(_ ancestor: String, of path: String) -> Bool {
    let a = ancestor.utf8, p = path.utf8
    return p.count > a.count && p[p.index(p.startIndex, offsetBy: a.count)] == UInt8(ascii: ".") && p.starts(with: a)
  }

  private mutating func visitOld(_ path: String, goneAncestor: String?, movedAncestor: (ancestor: String, target: String)?) {
    guard let symbol = old.definitions[path] else { return }
    if let goneAncestor, goneAncestor.utf8.count > movedAncestor?.ancestor.utf8.count ?? 0 {
      // A removed module absorbs its members, except those that found a new home.
      guard removedModules.contains(goneAncestor), symbol.kind != .method,
            let (best, others) = moveCandidates(for: symbol) else { return }
      return move(symbol, to: best, others: others)
    }
    if let (ancestor, target) = movedAncestor {
      let mapped = target + path[path.utf8.index(path.startIndex, offsetBy: ancestor.utf8.count)...]
      if let counterpart = new.definitions[mapped] { return pair(symbol, counterpart) }
      return remove(symbol)
    }
    if let counterpart = new.definitions[path] { return pair(symbol, counterpart) }
    if let canonical = new.resolve(path), let counterpart = new.definitions[canonical] {
      if counterpart.kind == symbol.kind {
        moved[path] = canonical
        emit(.moved(Move(old: symbol, new: counterpart, isAliasKept: true, otherCandidates: [])))
      }
      return pair(symbol, counterpart)
    }
    if let (best, others) = moveCandidates(for: symbol) { return move(symbol, to: best, others: others) }
    remove(symbol)
  }

  private mutating func move(_ symbol: Symbol, to path: String, others: [String]) {
    let counterpart = new.definitions[path]!
    moved[symbol.path] = path
    emit(.moved(Move(old: symbol, new: counterpart, isAliasKept: false, otherCandidates: others)))
    pair(symbol, counterpart)
  }

  private mutating func pair(_ oldSymbol: Symbol, _ newSymbol: Symbol) {
    claimed.insert(newSymbol.path)
    if oldSymbol.kind != newSymbol.kind {
      // The kind change stands for the members on both sides.
      gone.insert(oldSymbol.path)
      added.insert(newSymbol.path)
    }
    guard oldSymbol.kind == .class, newSymbol.kind == .class, oldSymbol.bases != newSymbol.bases else {
      return emit(.paired(SymbolPair(old: oldSymbol, new: newSymbol)))
    }
    emit(.paired(SymbolPair(old: oldSymbol, new: newSymbol,
                                      oldBases: old.qualifiedBases(of: oldSymbol),
                                      newBases: new.qualifiedBases(of: newSymbol),
                                      newAncestors: new.ancestors(of: newSymbol))))
  }

  private mutating func remove(_ symbol: Symbol) {
    gone.insert(symbol.path)
    if symbol.kind == .module { removedModules.insert(symbol.path) }
    removals.append(symbol)
  }

  // Emitted once every old path is settled, so a removed module's member list leaves out
  // the members that moved elsewhere.
  private mutating func emitRemovals() {
    for symbol in removals {
      let members = Walker.publicMembers(of: symbol.path, in: old).filter { member in
        let full = symbol.path + "." + member
        return moved[full] == nil && nearestMovedAncestor(full) == nil
      }
      emit(.removed(Presence(
        symbol: symbol, publicMembers: members,
        importPaths: exportedImportPaths(of: symbol.path, in: old),
        isTypeCheckingOnlyElsewhere: new.typeCheckingOnly.contains(symbol.path))))
    }
  }

  private mutating func visitNew(_ path: String) {
    guard !Walker.hasAncestor(path, in: added), let symbol = new.definitions[path] else { return }
    added.insert(path)
    emit(.added(Presence(
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
          emit(.aliasRemoved(AliasChange(path: path, old: oldAlias, new: nil)))
        }
      } else if new.resolve(path) == nil {
        let newAlias = new.aliases[path]
        if newAlias == nil && new.definitions[path] == nil {
          emit(.aliasRemoved(AliasChange(path: path, old: oldAlias, new: nil)))
        } else if let newAlias, newAlias.target != oldAlias?.target {
          emit(.aliasRetargeted(AliasChange(path: path, old: oldAlias, new: newAlias)))
        }
      }
    }
    for path in new.exportedAliases.sorted()
    where old.resolve(path) == nil && old.aliases[path] == nil && !Walker.hasAncestor(path, in: added) {
      // Aliases of added objects are named by the addition itself.
      if let target = new.aliasTargets[path], Walker.hasAncestor(target, in: added, orSelf: true) { continue }
      emit(.aliasAdded(AliasChange(path: path, old: nil, new: new.aliases[path])))
    }
  }

  /// New definitions of the same kind and name at paths that had no definition, best first:
  /// the same parent name, then the most member names in common, then the longest common
  /// module path. Members of classes must keep their class name (`forward` appears in new
  /// classes all the time), and a module or class with members must keep at least half of
  /// their names (every package has a `utils`).
  private func moveCandidates(for symbol: Symbol) -> (best: String, others: [String])? {
    let parentName = Walker.lastComponent(symbol.parentPath)
    let mustKeepParent = symbol.kind == .method || symbol.kind == .attribute
    let members = Set((old.children[symbol.path] ?? []).map { Walker.lastComponent(Substring($0)) })
    let scored = (newcomers[Walker.moveKey(symbol)] ?? []).compactMap { candidate -> (String, Int, Int, Int)? in
      // A path importable before must have imported this very object.
      guard !claimed.contains(candidate), old.resolve(candidate).map({ $0 == symbol.path }) ?? true,
            let other = new.definitions[candidate] else { return nil }
      let sameParent = Walker.lastComponent(other.parentPath) == parentName
      if mustKeepParent && !sameParent { return nil }
      let shared = members.isEmpty ? 0 : (new.children[candidate] ?? []).count {
        members.contains(Walker.lastComponent(Substring($0)))
      }
      if shared * 2 < members.count { return nil }
      return (candidate, sameParent ? 1 : 0, shared, Walker.commonPrefix(symbol.path, candidate))
    }
    guard let top = scored.max(by: { ($0.1, $0.2, $0.3) < ($1.1, $1.2, $1.3) }) else { return nil }
    let best = scored.filter { ($0.1, $0.2, $0.3) == (top.1, top.2, top.3) }.map(\.0).sorted()
    return (best[0], Array(best.dropFirst()))
  }

  private func nearestMovedAncestor(_ path: String) -> (ancestor: String, target: String)? {
    guard !moved.isEmpty else { return nil }
    return Walker.nearestAncestor(of: path) { moved[$0] != nil }.map { ($0, moved[$0]!) }
  }

  static func nearestAncestor(of path: String, in set: Set<String>) -> String? {
    set.isEmpty ? nil : nearestAncestor(of: path, where: set.contains)
  }

  static func nearestAncestor(of path: String, where matches: (String) -> Bool) -> String? {
    // Scans UTF-8 bytes: a `.` byte is always a `.` character, and the scan skips grapheme breaking.
    let bytes = path.utf8
    var end = bytes.endIndex
    while let dot = bytes[..<end].lastIndex(of: UInt8(ascii: ".")) {
      let ancestor = String(path[..<dot])
      if matches(ancestor) { return ancestor }
      end = dot
    }
    return nil
  }

  // Exported aliases of the object or of anything in it, sorted.
  private func exportedImportPaths(of canonical: String, in surface: ResolvedSurface) -> [String] {
    ([canonical] + surface.descendants(of: canonical))
      .flatMap { surface.reexports[$0] ?? [] }
      .filter { surface.exportedAliases.contains($0) }
      .sorted()
  }

  static func publicMembers(of path: String, in surface: ResolvedSurface) -> [String] {
    surface.descendants(of: path).compactMap { member in
      let relative = String(member.dropFirst(path.count + 1))
      return relative.split(separator: ".").allSatisfy(SymbolPath.isPublicName) ? relative : nil
    }
  }

  static func hasAncestor(_ path: String, in set: Set<String>, orSelf: Bool = false) -> Bool {
    (orSelf && set.contains(path)) || nearestAncestor(of: path, in: set) != nil
  }

  static func moveKey(_ symbol: Symbol) -> String { "\(symbol.kind.rawValue) \(symbol.name)" }

  static func lastComponent(_ path: Substring) -> Substring {
    path[(path.lastDot.map { path.utf8.index(after: $0) } ?? path.startIndex)...]
  }

  static func commonPrefix(_ a: String, _ b: String) -> Int {
    zip(a.split(separator: "."), b.split(separator: ".")).prefix { $0 == $1 }.count
  }
}
