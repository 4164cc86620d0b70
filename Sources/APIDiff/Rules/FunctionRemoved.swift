/// A module-level function that no longer exists at any importable path.
public enum FunctionRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_removed", change: .removed, summary: "Function removed",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Imports and calls of the function fail.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .removed(let p) = event, p.symbol.kind == .function else { return [] }
    return RuleText.removedFinding(metadata, p)
  }
}
