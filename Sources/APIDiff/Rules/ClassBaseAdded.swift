/// A class that now also derives from another base.
public enum ClassBaseAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "class_base_added", change: .bases, summary: "Base class added",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Existing uses keep working; the new base's members may shadow names in subclasses.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .class, pair.new.kind == .class else { return [] }
    let old = Set(pair.oldBases)
    let texts = pair.new.bases ?? []
    let added = pair.newBases.indices.filter { !old.contains(pair.newBases[$0]) && $0 < texts.count }.map { texts[$0] }
    guard !added.isEmpty else { return [] }
    return [Finding(metadata, summary: "now derives from " + added.map { "`\($0)`" }.joined(separator: ", "),
                    details: added.map { ChangeDetail(.baseAdded, name: $0, new: $0) })]
  }
}
