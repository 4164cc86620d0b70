/// An exported alias that no longer imports anything, while the object it named still exists.
public enum ImportPathRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "import_path_removed", change: .removed, summary: "Import path removed",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Imports through the re-export fail; the object must be imported from where it now lives.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .aliasRemoved(let a) = event, let old = a.old, let target = old.target else { return [] }
    return [Finding(metadata, summary: "`\(a.path)` (re-export of `\(target)`) is no longer importable")]
  }
}
