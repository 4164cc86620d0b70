/// A parameter whose default value changed, or that gained one.
public enum FunctionParameterDefaultChanged: DiffRule {
  public static let metadata = RuleMetadata(
    id: "function_parameter_default_changed", change: .signature, summary: "Parameter default changed",
    canBreakCallers: false, canBreakSubclasses: false,
    rationale: "Every existing call still binds; behaviour may differ for callers relying on the default.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, let match = pair.signature else { return [] }
    let changed = match.matched.filter { $0.new.hasDefault && $0.old.default != $0.new.default }
    guard !changed.isEmpty else { return [] }
    return [Finding(metadata, summary: changed.map { "default of `\($0.old.name)` changed" }.joined(separator: ", "),
                    details: changed.map { ChangeDetail(.parameterDefaultChanged, name: $0.old.name, old: $0.old.default, new: $0.new.default) })]
  }
}
