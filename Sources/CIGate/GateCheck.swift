/// One check the gate runs. It splits its work into named units (the subjects of its findings
/// and the test cases of the JUnit report) with an estimated cost, so shards can share it out.
public protocol GateCheck: Sendable {
  /// The name in `checks:`.
  var name: String { get }
  /// The units of work, in a stable order; their names are unique within the check.
  func units(in context: GateContext) throws(GateError) -> [WorkUnit]
  /// Runs the named units (a subset of ``units(in:)``); every finding's subject is one of them.
  func run(_ units: Set<String>, in context: GateContext) throws(GateError) -> [GateFinding]
  /// The help text of one of the check's rule ids, for SARIF.
  func help(rule: String) -> String
}

/// A unit of a check's work.
public struct WorkUnit: Hashable, Sendable {
  public var check: String
  public var name: String
  /// An estimate in arbitrary units, comparable across checks (about a millisecond each).
  public var cost: Int

  public init(check: String, name: String, cost: Int) {
    self.check = check
    self.name = name
    self.cost = cost
  }
}

/// The checks vmsync knows, in the order they run.
public enum GateChecks {
  public static let all: [any GateCheck] = [ImpactCheck(), AdaptersCheck(), OpsCheck(), DiffCheck()]

  /// The names accepted in `checks:`.
  public static var names: [String] { all.map(\.name) }

  public static func named(_ name: String) -> (any GateCheck)? { all.first { $0.name == name } }

  /// The help text of a rule id `check/kind`.
  public static func help(rule: String) -> String {
    let check = rule.split(separator: "/").first.map(String.init) ?? rule
    return named(check)?.help(rule: rule) ?? rule
  }
}
