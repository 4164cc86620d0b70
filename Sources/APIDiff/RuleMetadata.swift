/// What a rule reports and why it is (or is not) breaking. Plain data: the logic lives in
/// the rule type of the same name under `Rules/`.
public struct RuleMetadata: Hashable, Sendable, Codable {
  /// `<subject>_<change>`, equal to the rule's file name: `function_parameter_removed`.
  public let id: String
  /// The change kind the rule's findings are reported under.
  public let change: ChangeKind
  /// One line shown to users; not an identity.
  public let summary: String
  /// Whether findings of this rule can break code that calls or imports the symbol.
  public let canBreakCallers: Bool
  /// Whether findings of this rule can break code that subclasses or overrides the symbol.
  public let canBreakSubclasses: Bool
  /// Why the change is breaking or not, and when the break is softened.
  public let rationale: String

  public init(id: String, change: ChangeKind, summary: String, canBreakCallers: Bool,
              canBreakSubclasses: Bool, rationale: String) {
    self.id = id
    self.change = change
    self.summary = summary
    self.canBreakCallers = canBreakCallers
    self.canBreakSubclasses = canBreakSubclasses
    self.rationale = rationale
  }
}

/// One rule's verdict on one event; the walker turns findings into `Change`s, merging the
/// findings of one symbol's signature into a single change.
public struct Finding: Hashable, Sendable {
  public var rule: RuleMetadata
  public var breaksCallers: Bool
  public var breaksSubclasses: Bool
  public var summary: String
  public var details: [ChangeDetail]

  public init(_ rule: RuleMetadata, breaksCallers: Bool? = nil, breaksSubclasses: Bool? = nil,
              summary: String, details: [ChangeDetail] = []) {
    self.rule = rule
    self.breaksCallers = breaksCallers ?? rule.canBreakCallers
    self.breaksSubclasses = breaksSubclasses ?? rule.canBreakSubclasses
    self.summary = summary
    self.details = details
  }
}

/// A classification rule: metadata plus a check run on every event the walker produces.
public protocol DiffRule: Sendable {
  static var metadata: RuleMetadata { get }
  /// Returns no findings when the rule does not apply to the event.
  static func check(_ event: DiffEvent) -> [Finding]
}
