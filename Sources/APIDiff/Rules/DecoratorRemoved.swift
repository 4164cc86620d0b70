/// A function, method or class that lost a decorator.
public enum DecoratorRemoved: DiffRule {
  public static let metadata = RuleMetadata(
    id: "decorator_removed", change: .signature, summary: "Decorator removed",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "Removing `property`, `cached_property`, `staticmethod`, `classmethod` or `dataclass` changes how the object is called or accessed; removing other decorators is reported but not breaking.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == pair.new.kind, pair.old.decorators != pair.new.decorators
    else { return [] }
    let removed = DecoratorEffect.missing(from: pair.new.decorators, in: pair.old.decorators)
    guard !removed.isEmpty else { return [] }
    let binding = removed.contains { DecoratorEffect.changesBinding($0, other: pair.new.decorators) }
    return [Finding(metadata, breaksCallers: binding, breaksSubclasses: binding,
                    summary: "no longer decorated with " + removed.map { "`@\($0)`" }.joined(separator: ", "),
                    details: removed.map {
                      ChangeDetail(.decoratorRemoved, name: $0, old: $0,
                                   isBreaking: DecoratorEffect.changesBinding($0, other: pair.new.decorators))
                    })]
  }
}
