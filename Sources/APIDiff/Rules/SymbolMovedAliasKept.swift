/// A definition moved to a new path while the old path still imports it through an alias.
public enum SymbolMovedAliasKept: DiffRule {
  public static let metadata = RuleMetadata(
    id: "symbol_moved_alias_kept", change: .moved, summary: "Symbol moved; old import path kept",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "The old path re-exports the same object, so imports keep working; code that patches the defining module must follow it.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .moved(let m) = event, m.isAliasKept else { return [] }
    return [Finding(metadata, summary: "\(m.old.kind.rawValue) `\(m.old.path)` moved to `\(m.new.path)`; the old path still imports it, so callers do not break")]
  }
}
