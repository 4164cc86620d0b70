import APIModel

/// The coarse kind of a change between two releases, as written in reports.
public enum ChangeKind: String, Sendable, Codable, CaseIterable, Comparable {
  case added, removed, moved, signature, body, kind, bases, value

  /// Report order: the kinds most likely to break a plugin first.
  public static func < (lhs: ChangeKind, rhs: ChangeKind) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// One item of a change: a parameter, base class, dictionary key or member that differs.
public struct ChangeDetail: Hashable, Sendable {
  /// What happened to the item.
  public enum Kind: String, Sendable, Codable, CaseIterable {
    case parameterRemoved = "parameter-removed"
    case requiredParameterAdded = "required-parameter-added"
    case optionalParameterAdded = "optional-parameter-added"
    case parameterRenamed = "parameter-renamed"
    case parameterReordered = "parameter-reordered"
    case parameterKindChanged = "parameter-kind-changed"
    case parameterNowRequired = "parameter-now-required"
    case parameterDefaultChanged = "parameter-default-changed"
    case parameterAnnotationChanged = "parameter-annotation-changed"
    case returnAnnotationChanged = "return-annotation-changed"
    case annotationChanged = "annotation-changed"
    case decoratorAdded = "decorator-added"
    case decoratorRemoved = "decorator-removed"
    case baseRemoved = "base-removed"
    case baseAdded = "base-added"
    case keyAdded = "key-added"
    case keyRemoved = "key-removed"
    case keyChanged = "key-changed"
    case itemAdded = "item-added"
    case itemRemoved = "item-removed"
    case memberRemoved = "member-removed"
    case memberAdded = "member-added"
  }

  public var kind: Kind
  /// The parameter, base, key or member concerned; nil for a return annotation.
  public var name: String?
  /// The item before, as source text (`x: int = 1`), when it existed.
  public var old: String?
  /// The item after, as source text, when it exists.
  public var new: String?
  /// Whether this item alone breaks existing callers or subclasses.
  public var isBreaking: Bool
  /// A short qualification, such as "absorbed by `**kwargs`".
  public var note: String?

  public init(_ kind: Kind, name: String? = nil, old: String? = nil, new: String? = nil,
              isBreaking: Bool = false, note: String? = nil) {
    self.kind = kind
    self.name = name
    self.old = old
    self.new = new
    self.isBreaking = isBreaking
    self.note = note
  }
}

/// One change of the API surface between two releases.
public struct Change: Hashable, Sendable {
  /// The old path; the new path for additions.
  public var path: String
  public var change: ChangeKind
  /// The id of the rule that classified the change, `function_parameter_removed`.
  public var rule: String
  /// The kind of the symbol concerned (its old kind, for kind changes).
  public var symbolKind: SymbolKind
  /// Code that calls or imports the symbol may fail.
  public var breaksCallers: Bool
  /// Code that subclasses or overrides the symbol may fail.
  public var breaksSubclasses: Bool
  /// Where the symbol now lives, for moves (and changes found on a moved symbol).
  public var newPath: String?
  /// The definition in the old release.
  public var old: SourceLocation?
  /// The definition in the new release.
  public var new: SourceLocation?
  /// One human sentence.
  public var summary: String
  /// Parameter-level items for signatures, keys for values, members for removals.
  public var details: [ChangeDetail]

  /// Either callers or subclasses may break.
  public var isBreaking: Bool { breaksCallers || breaksSubclasses }

  public init(path: String, change: ChangeKind, rule: String, symbolKind: SymbolKind,
              breaksCallers: Bool, breaksSubclasses: Bool, newPath: String? = nil,
              old: SourceLocation?, new: SourceLocation?, summary: String,
              details: [ChangeDetail] = []) {
    self.path = path
    self.change = change
    self.rule = rule
    self.symbolKind = symbolKind
    self.breaksCallers = breaksCallers
    self.breaksSubclasses = breaksSubclasses
    self.newPath = newPath
    self.old = old
    self.new = new
    self.summary = summary
    self.details = details
  }
}
