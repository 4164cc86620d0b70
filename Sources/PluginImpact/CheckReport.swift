import APIModel

/// The result of checking a manifest against its revision.
public struct CheckReport: Sendable {
  /// The revision checked.
  public var revision: String
  /// The number of entries checked (entries whose lane admits the revision).
  public var checked: Int
  /// Every finding; those the entries record as known states have severity `note`.
  public var findings: [ImpactFinding]

  /// Whether any finding fails the check.
  public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}
