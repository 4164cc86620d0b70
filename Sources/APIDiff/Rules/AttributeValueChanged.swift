/// A module or class constant whose assigned value changed; dict literals (such as the model
/// registries) are summarised by key, and list, tuple and set literals (`__all__`) by item.
public enum AttributeValueChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "attribute_value_changed", change: .value, summary: "Value changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "The name still exists; code depending on its content (registries, defaults) may need the same change.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .attribute, pair.new.kind == .attribute,
          pair.old.value != pair.new.value else { return [] }
    if let old = pair.old.value.flatMap(CollectionLiteral.init), let new = pair.new.value.flatMap(CollectionLiteral.init),
       let details = old.changes(to: new) {
      guard !details.isEmpty else { return [] }
      var counts: [String] = []
      for (kinds, word) in [([ChangeDetail.Kind.keyAdded, .itemAdded], "added"), ([.keyRemoved, .itemRemoved], "removed"),
                            ([.keyChanged], "changed")] {
        let n = details.count { kinds.contains($0.kind) }
        if n > 0 { counts.append("\(n) \(word)") }
      }
      let noun = old.isDict || new.isDict ? "dict keys" : "items"
      return [Finding(metadata, summary: "\(noun): " + counts.joined(separator: ", "), details: details)]
    }
    return [Finding(metadata, summary: "value changed",
                    details: [ChangeDetail(.keyChanged, name: String(pair.old.name), old: pair.old.value, new: pair.new.value)])]
  }
}
