/// A function, method or class that gained a decorator.
public enum DecoratorAdded: DiffRule {
  public static let metadata = RuleMetadata(
    id: "decorator_added", change: .signature, summary: "Decorator added",
    canBreakCallers: true, canBreakSubclasses: true,
    rationale: "`property`, `cached_property`, `staticmethod`, `classmethod` and `dataclass` change how the object is called or accessed; `abstractmethod` forces subclasses to override; other decorators (compilation, logging) are reported but not breaking.")

  public static func check(_ event: DiffEvent) -> [Finding] {
    guard case .paired(let pair) = event, pair.old.kind == pair.new.kind, pair.old.decorators != pair.new.decorators
    else { return [] }
    let added = DecoratorEffect.missing(from: pair.old.decorators, in: pair.new.decorators)
    guard !added.isEmpty else { return [] }
    let wasAbstract = (pair.old.decorators ?? []).contains(where: DecoratorEffect.isAbstract)
    let details = added.map {
      ChangeDetail(.decoratorAdded, name: $0, new: $0,
                   isBreaking: DecoratorEffect.changesBinding($0, other: pair.old.decorators)
                     || (DecoratorEffect.isAbstract($0) && !wasAbstract))
    }
    let binding = added.contains { DecoratorEffect.changesBinding($0, other: pair.old.decorators) }
    return [Finding(metadata, breaksCallers: binding, breaksSubclasses: details.contains(where: \.isBreaking),
                    summary: "decorated with " + added.map { "`@\($0)`" }.joined(separator: ", "), details: details)]
  }
}
