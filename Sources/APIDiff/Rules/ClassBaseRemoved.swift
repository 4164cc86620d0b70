/// A class that no longer derives from one of its bases.
public enum ClassBaseRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "class_base_removed", change: .bases, summary: "Base class removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "`isinstance` checks against the base fail, and subclasses lose the members it provided.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .class, pair.new.kind == .class else { return [] }
    let new = Set(pair.newBases)
    let texts = pair.old.bases ?? []
    let removed = pair.oldBases.indices.filter { !new.contains(pair.oldBases[$0]) && $0 < texts.count }.map { texts[$0] }
    guard !removed.isEmpty else { return [] }
    return [Finding(metadata, summary: "no longer derives from " + removed.map { "`\($0)`" }.joined(separator: ", "),
                    details: removed.map { ChangeDetail(.baseRemoved, name: $0, old: $0, isBreaking: true) })]
  }
}
