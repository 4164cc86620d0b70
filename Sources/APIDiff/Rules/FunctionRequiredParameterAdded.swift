/// New parameters without a default.
public enum FunctionRequiredParameterAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_required_parameter_added", change: .signature, summary: "Required parameter added",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Existing calls do not pass it and fail; overrides do not accept it when upstream passes it.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let added = match.added.filter { $0.parameter.isRequired }
    guard !added.isEmpty else { return [] }
    let names = added.map { "`\($0.parameter.name)`" }.joined(separator: ", ")
    return [Finding(metadata, summary: "required parameter\(added.count == 1 ? "" : "s") \(names) added",
                    details: added.map { ChangeDetail(.requiredParameterAdded, name: $0.parameter.name, new: $0.parameter.sourceText, isBreaking: true) })]
  }
}
