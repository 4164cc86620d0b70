/// A method no longer defined in its class (nor in the class it moved to).
public enum MethodRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "method_removed", change: .removed, summary: "Method removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Calls fail unless a base class still defines it; overrides in subclasses are no longer called by upstream.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .removed(let p) = event, p.symbol.kind == .method else { return [] }
    return RuleText.removedFinding(metadata, p)
  }
}
