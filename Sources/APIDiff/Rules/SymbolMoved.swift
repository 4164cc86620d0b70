/// A definition gone from its path that reappears, same name and kind, at a new path, with
/// nothing left importable at the old one.
public enum SymbolMoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "symbol_moved", change: .moved, summary: "Symbol moved without a compatibility import",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Imports of the old path fail; code must import the new path.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .moved(let m) = event, !m.isAliasKept else { return [] }
    var summary = "\(m.old.kind.rawValue) `\(m.old.path)` moved to `\(m.new.path)`; the old import path is gone"
    if !m.otherCandidates.isEmpty {
      summary += " (ambiguous: also matches " + m.otherCandidates.map { "`\($0)`" }.joined(separator: ", ") + ")"
    }
    return [Finding(metadata, summary: summary)]
  }
}
