/// A class that no longer exists at any importable path; absorbs its members.
public enum ClassRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "class_removed", change: .removed, summary: "Class removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Imports, instantiations and subclasses of the class fail. Its members are not reported separately.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .removed(let p) = event, p.symbol.kind == .class else { return [] }
    return RuleText.removedFinding(metadata, p)
  }
}
