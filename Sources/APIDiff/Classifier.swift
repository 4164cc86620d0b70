import APIModel
import Foundation

/// Runs every rule on every event and turns findings into changes: one change per event and
/// change kind, so all of a signature's parameter findings make a single change.
enum Classifier {
  /// Classifies batches of events on other threads while the walk still produces them
  /// (events are independent), then joins the results in order.
  final class Pipeline: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var batches: [[Change]] = []

    /// Queues a batch; called from one thread, in event order.
    func submit(_ events: [DiffEvent]) {
      lock.lock()
      let index = batches.count
      batches.append([])
      lock.unlock()
      DispatchQueue.global().async(group: group) {
        let changes = events.flatMap(Classifier.classify)
        self.lock.lock()
        self.batches[index] = changes
        self.lock.unlock()
      }
    }

    /// Every change, in event order, once all batches are classified.
    func finish() -> [Change] {
      group.wait()
      return Classifier.dropExplainedBodies(batches.flatMap { $0 })
    }
  }

  static func classify(_ event: DiffEvent) -> [Change] {
    let findings = RuleRegistry.all.flatMap { $0.check(event) }
    let byKind = Dictionary(grouping: findings, by: \.rule.change)
    return byKind.keys.sorted().map { merge(byKind[$0]!, kind: $0, event: event) }
  }

  private static func merge(_ findings: [Finding], kind: ChangeKind, event: DiffEvent) -> Change {
    // The most severe finding names the change; ties go to the lowest rule id.
    let ordered = findings.sorted { (severity($0), $0.rule.id) < (severity($1), $1.rule.id) }
    let summary = ordered.map(\.summary).joined(separator: "; ")
    let (path, newPath, kindOfSymbol, oldLocation, newLocation) = place(event)
    // Only classes and methods have subclasses or overrides to break.
    let isOverridable = kindOfSymbol == .class || kindOfSymbol == .method
    return Change(path: path, change: kind, rule: ordered[0].rule.id, symbolKind: kindOfSymbol,
                  breaksCallers: findings.contains(where: \.breaksCallers),
                  breaksSubclasses: isOverridable && findings.contains(where: \.breaksSubclasses),
                  newPath: newPath, old: oldLocation, new: newLocation, summary: summary,
                  details: ordered.flatMap(\.details))
  }

  private static func severity(_ f: Finding) -> Int {
    f.breaksCallers ? 0 : f.breaksSubclasses ? 1 : 2
  }

  private static func place(_ event: DiffEvent)
    -> (String, String?, SymbolKind, SourceLocation?, SourceLocation?)
  {
    switch event {
    case .paired(let p):
      return (p.old.path, p.new.path == p.old.path ? nil : p.new.path, p.old.kind, p.old.location, p.new.location)
    case .moved(let m):
      return (m.old.path, m.new.path, m.old.kind, m.old.location, m.new.location)
    case .removed(let p):
      return (p.symbol.path, nil, p.symbol.kind, p.symbol.location, nil)
    case .added(let p):
      return (p.symbol.path, nil, p.symbol.kind, nil, p.symbol.location)
    case .aliasRemoved(let a), .aliasAdded(let a), .aliasRetargeted(let a):
      return (a.path, nil, .alias, a.old?.location, a.new?.location)
    }
  }

  // A class's (or module's) body fingerprint covers its members, so its body change is
  // noise when a member's change already explains it.
  static func dropExplainedBodies(_ changes: [Change]) -> [Change] {
    let containers = Set(changes.filter { $0.change == .body && ($0.symbolKind == .class || $0.symbolKind == .module) }.map(\.path))
    guard !containers.isEmpty else { return changes }
    var explained: Set<String> = []
    for change in changes {
      var end = change.path.endIndex
      while let dot = change.path[..<end].lastDot {
        let ancestor = String(change.path[..<dot])
        if containers.contains(ancestor) { explained.insert(ancestor) }
        end = dot
      }
    }
    return changes.filter { !($0.change == .body && explained.contains($0.path) && ($0.symbolKind == .class || $0.symbolKind == .module)) }
  }
}
