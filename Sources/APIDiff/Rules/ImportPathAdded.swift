/// A new exported alias to an object that existed before.
public enum ImportPathAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "import_path_added", change: .added, summary: "Import path added",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "A new way to import an existing object breaks nobody.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .aliasAdded(let a) = event, let new = a.new, let target = new.target else { return [] }
    return [Finding(metadata, summary: "`\(a.path)` now re-exports `\(target)`")]
  }
}
