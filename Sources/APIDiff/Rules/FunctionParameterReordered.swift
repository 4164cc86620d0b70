/// Positional parameters whose order relative to each other changed.
public enum FunctionParameterReordered: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_reordered", change: .signature, summary: "Positional parameters reordered",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Positional arguments bind to other parameters. Insertions are additions, not reorders.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature, !match.reordered.isEmpty else { return [] }
    let names = match.reordered.map { "`\($0.old.name)`" }.joined(separator: ", ")
    return [Finding(metadata, summary: "positional parameter\(match.reordered.count == 1 ? "" : "s") \(names) reordered",
                    details: match.reordered.map {
                      ChangeDetail(.parameterReordered, name: $0.old.name, old: String($0.oldIndex + 1),
                                   new: String($0.newIndex + 1), isBreaking: true)
                    })]
  }
}
