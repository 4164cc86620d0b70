/// A module (or package) that no longer exists; absorbs every member and submodule.
public enum ModuleRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "module_removed", change: .removed, summary: "Module removed",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Imports of the module and of everything in it fail. Reported once, listing the public symbols it took.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .removed(let p) = event, p.symbol.kind == .module else { return [] }
    return RuleText.removedFinding(metadata, p)
  }
}
