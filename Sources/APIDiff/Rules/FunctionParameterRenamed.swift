/// A parameter at the same position, of the same kind, under a new name.
public enum FunctionParameterRenamed: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_renamed", change: .signature, summary: "Parameter renamed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Callers passing it by keyword fail; renaming a positional-only parameter, or the `self`/`cls` of a method, breaks nobody.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature, !match.renamed.isEmpty else { return [] }
    let details = match.renamed.map {
      ChangeDetail(.parameterRenamed, name: $0.old.name, old: $0.old.sourceText, new: $0.new.sourceText,
                   isBreaking: $0.old.isKeyword && !(pair.old.kind == .method && $0.oldIndex == 0))
    }
    let breaking = details.contains(where: \.isBreaking)
    let names = match.renamed.map { "`\($0.old.name)` → `\($0.new.name)`" }.joined(separator: ", ")
    return [Finding(metadata, breaksCallers: breaking, breaksSubclasses: breaking,
                    summary: "parameter\(match.renamed.count == 1 ? "" : "s") renamed: \(names)", details: details)]
  }
}
