/// A module or class attribute whose annotation changed (a dataclass field's type).
public enum AttributeAnnotationChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "attribute_annotation_changed", change: .signature, summary: "Attribute annotation changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Annotations are not checked at run time, but a dataclass field's type documents what it holds.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == .attribute, pair.new.kind == .attribute,
          !AnnotationText.same(pair.old.annotation, pair.new.annotation) else { return [] }
    return [Finding(metadata, summary: "annotation changed",
                    details: [ChangeDetail(.annotationChanged, name: String(pair.old.name),
                                           old: pair.old.annotation, new: pair.new.annotation)])]
  }
}
