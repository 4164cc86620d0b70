/// A parameter that lost its default.
public enum FunctionParameterNowRequired: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_now_required", change: .signature, summary: "Parameter now required",
    canBreakCallers: true, canBreakSubclasses: false,
    rationale: "Callers relying on the default fail.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let now = match.matched.filter { $0.old.hasDefault && $0.new.isRequired }
    guard !now.isEmpty else { return [] }
    return [Finding(metadata, summary: now.map { "`\($0.old.name)` lost its default" }.joined(separator: ", "),
                    details: now.map { ChangeDetail(.parameterNowRequired, name: $0.old.name, old: $0.old.default, isBreaking: true) })]
  }
}
