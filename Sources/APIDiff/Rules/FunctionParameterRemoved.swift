/// Parameters of a function or method that no longer exist.
public enum FunctionParameterRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_removed", change: .signature, summary: "Parameter removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Callers passing it fail, unless the new signature's `**kwargs` (for keywords) and `*args` (for positions) absorb it, which softens the break to a silently ignored argument. Overrides requiring it are no longer passed it.")

  private static let absorbedNote = "absorbed by the new `**kwargs`; passing it no longer fails but is ignored"
  private static let keywordOnlyNote = "keyword callers absorbed by the new `**kwargs`; positional callers break"

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature, !match.removed.isEmpty else { return [] }
    let details = match.removed.map { p, _ in
      let keywordAbsorbed = p.isKeyword && match.newHasVarKeyword
      let positionAbsorbed = !p.isPositional || match.newHasVarPositional
      let absorbed = p.kind != .varPositional && p.kind != .varKeyword
        && (!p.isKeyword || keywordAbsorbed) && positionAbsorbed
      let note = absorbed ? absorbedNote : keywordAbsorbed ? keywordOnlyNote : nil
      return ChangeDetail(.parameterRemoved, name: p.name, old: p.sourceText, isBreaking: !absorbed, note: note)
    }
    let names = match.removed.map { "`\($0.parameter.name)`" }.joined(separator: ", ")
    return [Finding(metadata, breaksCallers: details.contains(where: \.isBreaking),
                    breaksSubclasses: match.removed.contains { $0.parameter.isRequired },
                    summary: "parameter\(match.removed.count == 1 ? "" : "s") \(names) removed", details: details)]
  }
}
