/// A function, method or class whose body changed while its interface did not need to.
public enum SymbolBodyChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "symbol_body_changed", change: .body, summary: "Implementation changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Not an API change; it is the drift that forks and patches of the code must follow.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == pair.new.kind,
          let old = pair.old.bodyHash, let new = pair.new.bodyHash, old != new else { return [] }
    return [Finding(metadata, summary: "\(pair.old.kind.rawValue) body changed")]
  }
}
