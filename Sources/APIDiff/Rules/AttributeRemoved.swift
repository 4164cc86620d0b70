/// A module or class attribute that no longer exists.
public enum AttributeRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "attribute_removed", change: .removed, summary: "Attribute removed",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Reads and imports of the attribute fail (unless it is now set at run time only).")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .removed(let p) = event, p.symbol.kind == .attribute else { return [] }
    return RuleText.removedFinding(metadata, p)
  }
}
