/// A class that no longer derives from one of its bases.
public enum ClassBaseRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "class_base_removed", change: .bases, summary: "Base class removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "`isinstance` checks against the base fail, and subclasses lose the members it provided; not breaking when the base is still inherited through another one.")

  private static let stillInherited = "still inherited through another base"

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .class, pair.new.kind == .class else { return [] }
    let new = Set(pair.newBases)
    let texts = pair.old.bases ?? []
    let removed = pair.oldBases.indices.filter { !new.contains(pair.oldBases[$0]) && $0 < texts.count }
    guard !removed.isEmpty else { return [] }
    let details = removed.map { i in
      let inherited = pair.newAncestors.contains(pair.oldBases[i])
      return ChangeDetail(.baseRemoved, name: texts[i], old: texts[i], isBreaking: !inherited,
                          note: inherited ? stillInherited : nil)
    }
    let breaking = details.contains(where: \.isBreaking)
    return [Finding(metadata, breaksCallers: breaking, breaksSubclasses: breaking,
                    summary: "no longer derives from " + removed.map { "`\(texts[$0])`" }.joined(separator: ", ")
                      + (breaking ? "" : " directly"),
                    details: details)]
  }
}
