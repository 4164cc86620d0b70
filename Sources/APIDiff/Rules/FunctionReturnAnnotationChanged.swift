/// A function or method whose return annotation changed.
public enum FunctionReturnAnnotationChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_return_annotation_changed", change: .signature, summary: "Return annotation changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Annotations are not checked at run time; code using the result may need a look.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, [.function, .method].contains(pair.old.kind),
          pair.old.kind == pair.new.kind, !AnnotationText.same(pair.old.returns, pair.new.returns) else { return [] }
    return [Finding(metadata, summary: "return annotation changed",
                    details: [ChangeDetail(.returnAnnotationChanged, old: pair.old.returns, new: pair.new.returns)])]
  }
}
