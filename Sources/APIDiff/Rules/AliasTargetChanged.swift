/// An exported alias to an object outside the package that now names another one.
public enum AliasTargetChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "alias_target_changed", change: .value, summary: "Re-export now names another external object",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "The name still imports, but the object behind it differs; check code that relies on its type.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .aliasRetargeted(let a) = event, let old = a.old?.target, let new = a.new?.target else { return [] }
    return [Finding(metadata, summary: "`\(a.path)` now re-exports `\(new)` instead of `\(old)`",
                    details: [ChangeDetail(.annotationChanged, name: a.path, old: old, new: new)])]
  }
}
