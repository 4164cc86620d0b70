/// A parameter that can now be passed differently (positional-only, keyword-only, …).
public enum FunctionParameterChangedKind: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_changed_kind", change: .signature, summary: "Parameter kind changed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Narrowing (now positional-only or keyword-only) breaks callers using the lost form; widening breaks overrides, which upstream may now call the new way.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let changed = match.matched.filter { $0.old.kind != $0.new.kind }
    guard !changed.isEmpty else { return [] }
    var narrows = false
    var widens = false
    let details = changed.map { p in
      let variadic = [p.old.kind, p.new.kind].contains { $0 == .varPositional || $0 == .varKeyword }
      let lost = variadic || (p.old.isPositional && !p.new.isPositional) || (p.old.isKeyword && !p.new.isKeyword)
      narrows = narrows || lost
      widens = widens || variadic || (!p.old.isPositional && p.new.isPositional) || (!p.old.isKeyword && p.new.isKeyword)
      return ChangeDetail(.parameterKindChanged, name: p.old.name, old: p.old.kind.rawValue, new: p.new.kind.rawValue,
                          isBreaking: lost)
    }
    let text = changed.map { "`\($0.old.name)` is now \($0.new.kind.rawValue)" }.joined(separator: ", ")
    return [Finding(metadata, breaksCallers: narrows, breaksSubclasses: widens, summary: text, details: details)]
  }
}
