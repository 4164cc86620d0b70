/// A parameter whose type annotation changed.
public enum FunctionParameterAnnotationChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_annotation_changed", change: .signature, summary: "Parameter annotation changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Annotations are not checked at run time; type checkers of plugin code may disagree. Respellings of the same type (`List[int]`, `list[int]`; `Optional[X]`, `X | None`) are not changes.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let changed = match.matched.filter { !AnnotationText.same($0.old.annotation, $0.new.annotation) }
    guard !changed.isEmpty else { return [] }
    return [Finding(metadata, summary: changed.map { "annotation of `\($0.old.name)` changed" }.joined(separator: ", "),
                    details: changed.map { ChangeDetail(.parameterAnnotationChanged, name: $0.old.name, old: $0.old.annotation, new: $0.new.annotation) })]
  }
}
