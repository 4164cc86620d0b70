/// The changes between two releases, sorted by path, then change kind, then rule.
public struct DiffReport: Hashable, Sendable {
  /// The old release, `v0.9.1`.
  public var from: String
  /// The new release, `v0.11.0`.
  public var to: String
  public var changes: [Change]
  public var summary: DiffSummary

  public init(from: String, to: String, changes: [Change]) {
    self.from = from
    self.to = to
    self.changes = changes.sorted(by: DiffReport.order)
    self.summary = DiffSummary(self.changes)
  }

  static func order(_ a: Change, _ b: Change) -> Bool {
    (a.path, a.change, a.rule, a.newPath ?? "") < (b.path, b.change, b.rule, b.newPath ?? "")
  }
}

/// Counts of a report's changes.
public struct DiffSummary: Hashable, Sendable {
  /// Changes per kind; every kind is present, possibly with zero.
  public var counts: [ChangeKind: Int]
  /// Breaking changes per kind; every kind is present, possibly with zero.
  public var breakingCounts: [ChangeKind: Int]
  public var total: Int
  public var breaking: Int

  public init(_ changes: [Change]) {
    counts = Dictionary(uniqueKeysWithValues: ChangeKind.allCases.map { ($0, 0) })
    breakingCounts = counts
    for change in changes {
      counts[change.change, default: 0] += 1
      if change.isBreaking { breakingCounts[change.change, default: 0] += 1 }
    }
    total = changes.count
    breaking = changes.count(where: \.isBreaking)
  }
}
