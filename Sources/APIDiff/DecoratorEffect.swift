/// What a decorator does to the way a function, method or class is used.
enum DecoratorEffect {
  /// Changes how the object is called or accessed: adding or removing it breaks callers and
  /// overrides.
  private static let binding: Set = ["property", "cached_property", "staticmethod", "classmethod", "dataclass"]

  /// The decorator's name without module or arguments: `functools.cached_property` →
  /// `cached_property`, `dataclass(frozen=True)` → `dataclass`.
  static func name(_ decorator: String) -> String {
    let head = decorator.prefix { $0 != "(" }
    return String(head.split(separator: ".").last ?? head).trimmingWhitespace
  }

  /// Whether adding (or removing) `decorator` changes binding, given the decorators on the
  /// other side: `dataclass` → `dataclass(frozen=True)` keeps it a dataclass.
  static func changesBinding(_ decorator: String, other: [String]?) -> Bool {
    let n = name(decorator)
    return binding.contains(n) && !(other ?? []).contains { name($0) == n }
  }

  static func isAbstract(_ decorator: String) -> Bool { name(decorator) == "abstractmethod" }

  /// Decorators present in `a` and not in `b`, compared by name and arguments, in `a`'s order.
  static func missing(from b: [String]?, in a: [String]?) -> [String] {
    let other = Set((b ?? []).map { $0.filter { !$0.isWhitespace } })
    return (a ?? []).filter { !other.contains($0.filter { !$0.isWhitespace }) }
  }
}
