/// The same path now holds another kind of object (function → class, attribute → function).
public enum SymbolChangedKind: DiffRule {
  public static let metadata = RuleMetadata(
    id: "symbol_changed_kind", change: .kind, summary: "Symbol changed kind",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Code written for one kind of object (calling it, subclassing it, reading it) rarely works with another.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind != pair.new.kind else { return [] }
    return [Finding(metadata, summary: "`\(pair.old.path)` was \(RuleText.withArticle(pair.old.kind)), is now \(RuleText.withArticle(pair.new.kind))")]
  }
}
