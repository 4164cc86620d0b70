import OpReference

/// One check the gate runs. It splits its work into named units (the subjects of its findings
/// and the test cases of the JUnit report) with an estimated cost, so shards can share it out.
public protocol GateCheck: Sendable {
  /// The name in `checks:`.
  var name: String { get }
  /// The units of work, in a stable order; a name with an upstream is unique within the check.
  func units(in context: GateContext) throws(GateError) -> [WorkUnit]
  /// Runs some of the units of ``units(in:)``; every finding's subject is one of their names.
  func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding]
  /// The help text of one of the check's rule ids, for SARIF.
  func help(rule: String) -> String
}

/// A unit of a check's work.
public struct WorkUnit: Hashable, Sendable {
  public var check: String
  /// The subject of the unit's findings.
  public var name: String
  /// The upstream revision the unit is checked against, when it needs one: shards keep the
  /// units of one upstream together, so each parses fewer snapshots.
  public var upstream: String?
  /// An estimate in arbitrary units, comparable across checks.
  public var cost: Int

  public init(check: String, name: String, upstream: String? = nil, cost: Int) {
    self.check = check
    self.name = name
    self.upstream = upstream
    self.cost = cost
  }
}

extension [WorkUnit] {
  /// The units' names grouped by upstream, upstreams in `order`.
  func byUpstream(_ order: [String]) -> [(upstream: String, names: Set<String>)] {
    let groups = Dictionary(grouping: self) { $0.upstream ?? "" }
    return order.compactMap { upstream in groups[upstream].map { (upstream, Set($0.map(\.name))) } }
  }
}

/// The checks vmsync knows, in the order they run.
public enum GateChecks {
  public static let all: [any GateCheck] = [
    ImpactCheck(), AdaptersCheck(), OpsCheck(), ModelsCheck(), MatrixCheck(), DiffCheck(),
  ]

  /// The names accepted in `checks:`.
  public static var names: [String] { all.map(\.name) }

  public static func named(_ name: String) -> (any GateCheck)? { all.first { $0.name == name } }

  /// The help text of a rule id `check/kind`.
  public static func help(rule: String) -> String {
    let check = rule.split(separator: "/").first.map(String.init) ?? rule
    return named(check)?.help(rule: rule) ?? rule
  }
}

extension Array where Element == WorkUnit {
  /// Units named `subject/dtype`, grouped by subject in name order with their dtypes.
  func groupedByDType() -> [(subject: String, dtypes: [FloatType])] {
    var dtypes: [String: [FloatType]] = [:]
    for unit in map(\.name).sorted() {
      let parts = unit.split(separator: "/")
      guard parts.count == 2, let dtype = FloatType(rawValue: String(parts[1])) else { continue }
      dtypes[String(parts[0]), default: []].append(dtype)
    }
    return dtypes.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}
