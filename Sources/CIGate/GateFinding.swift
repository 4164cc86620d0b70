/// What the gate decided about a finding.
public enum FindingStatus: String, Codable, Sendable, CaseIterable {
  /// New and of a denied class: fails the gate.
  case regression
  /// A parity cell in the baseline whose error grew: fails the gate.
  case worse
  /// New, of a class that is only reported.
  case reported
  /// In the baseline.
  case baselined
  /// Matched by an allowlist entry that has not expired.
  case allowed

  /// Whether the status fails the gate.
  public var fails: Bool { self == .regression || self == .worse }
}

/// One finding of one check, keyed independently of line numbers and ordering.
public struct GateFinding: Codable, Hashable, Sendable {
  /// `impact`, `adapters`, `ops` or `diff`.
  public var check: String
  /// The unit of work the finding belongs to: a plugin file, an op and dtype, an upstream package.
  public var subject: String
  /// What is wrong, without positions: `import_removed vllm.x.Y`.
  public var finding: String
  /// The rule id, per finding kind: `impact/import_removed`.
  public var rule: String
  public var `class`: GateClass
  /// One sentence.
  public var message: String
  /// The dotted upstream path concerned, for `only`/`exclude` prefixes.
  public var target: String?
  /// The plugin file (or manifest) and line, for SARIF and path globs.
  public var file: String?
  public var line: Int?
  /// The upstream revisions the finding was seen against, sorted.
  public var upstreams: [String]
  /// For parity: the error as a multiple of the tolerance; a larger value than the baseline's is worse.
  public var measure: Double?
  /// Set when the gate evaluates the finding.
  public var status: FindingStatus?

  /// The stable key: `check:subject:finding`.
  public var key: String { GateFinding.key(check: check, subject: subject, finding: finding) }

  public static func key(check: String, subject: String, finding: String) -> String {
    "\(check):\(subject):\(finding)"
  }

  public init(
    check: String, subject: String, finding: String, rule: String, class: GateClass, message: String,
    target: String? = nil, file: String? = nil, line: Int? = nil, upstreams: [String] = [], measure: Double? = nil
  ) {
    self.check = check
    self.subject = subject
    self.finding = finding
    self.rule = rule
    self.class = `class`
    self.message = message
    self.target = target
    self.file = file
    self.line = line
    self.upstreams = upstreams
    self.measure = measure
  }
}
