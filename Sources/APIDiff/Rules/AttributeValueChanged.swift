/// A module or class constant whose assigned value changed; dictionary literals (such as
/// the model registries) are summarised by key.
public enum AttributeValueChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "attribute_value_changed", change: .value, summary: "Value changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "The name still exists; code depending on its content (registries, defaults) may need the same change.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .attribute, pair.new.kind == .attribute,
          pair.old.value != pair.new.value else { return [] }
    if let old = pair.old.value.flatMap(DictLiteral.init), let new = pair.new.value.flatMap(DictLiteral.init) {
      let details = old.changes(to: new)
      guard !details.isEmpty else { return [] }
      var counts: [String] = []
      for (kind, word) in [(ChangeDetail.Kind.keyAdded, "added"), (.keyRemoved, "removed"), (.keyChanged, "changed")] {
        let n = details.count { $0.kind == kind }
        if n > 0 { counts.append("\(n) \(word)") }
      }
      return [Finding(metadata, summary: "dict keys: " + counts.joined(separator: ", "), details: details)]
    }
    return [Finding(metadata, summary: "value changed",
                    details: [ChangeDetail(.keyChanged, name: String(pair.old.name), old: pair.old.value, new: pair.new.value)])]
  }
}
