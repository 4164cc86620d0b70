import APIModel

/// New parameters with a default (or new `*args` / `**kwargs`).
public enum FunctionOptionalParameterAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_optional_parameter_added", change: .signature, summary: "Optional parameter added",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Callers are unaffected unless it is inserted before existing positional parameters, shifting them. Overrides break: upstream may pass the new argument to them.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let added = match.added.filter { !$0.parameter.isRequired }
    guard !added.isEmpty else { return [] }
    let kept = match.matched + match.renamed
    let details = added.map { p, index in
      let shifted = p.isPositional
        ? kept.filter { $0.old.isPositional && $0.new.isPositional && $0.newIndex > index }.map(\.new.name) : []
      return ChangeDetail(.optionalParameterAdded, name: p.name, new: p.sourceText, isBreaking: !shifted.isEmpty,
                          note: shifted.isEmpty ? nil : "shifts positional " + shifted.map { "`\($0)`" }.joined(separator: ", "))
    }
    let variadic: Set = [ParameterKind.varPositional, .varKeyword]
    let names = added.map { "`\($0.parameter.name)`" }.joined(separator: ", ")
    return [Finding(metadata, breaksCallers: details.contains(where: \.isBreaking),
                    breaksSubclasses: added.contains { !variadic.contains($0.parameter.kind) },
                    summary: "optional parameter\(added.count == 1 ? "" : "s") \(names) added", details: details)]
  }
}
