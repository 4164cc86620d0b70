/// A new definition; absorbs its members, and names the exported aliases that import it.
public enum SymbolAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "symbol_added", change: .added, summary: "Symbol added",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "New API breaks nobody; a plugin may want to adopt or mirror it.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .added(let p) = event else { return [] }
    return [Finding(metadata, summary: RuleText.presence(p, verb: "added"), details: RuleText.members(p, .memberAdded))]
  }
}
