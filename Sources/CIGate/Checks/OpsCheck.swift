import AdapterManifests
import OpReference
import Parity

/// `ops`: every op mapping of the plugin's revision against the upstream op, numerically, one
/// unit per op and dtype. Needs no plugin tree and no upstream source.
public struct OpsCheck: GateCheck {
  public let name = "ops"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    ParityRunner.upstreamOps.sorted().flatMap { op in
      FloatType.allCases.map { WorkUnit(check: name, name: "\(op)/\($0.rawValue)", cost: 25) }
    }
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    let adapters = try context.adapters(for: name)
    let runner = ParityRunner(adaptersDirectory: adapters.path)
    var findings: [GateFinding] = []
    for (op, types) in units.groupedByDType() {
      let report: ParityReport
      do {
        report = try runner.run(revision: context.configuration.from, ops: [op], dtypes: types)
      } catch {
        throw .check(name, reason: "\(error)")
      }
      findings += report.failures.map(Self.finding)
    }
    return findings
  }

  public func help(rule: String) -> String {
    rule == "ops/mapping_failed"
      ? "The op mapping could not run (no mapping, or a step failed)."
      : "The op mapping's output differs from the upstream op beyond its tolerance."
  }

  private static func finding(_ cell: OpParity) -> GateFinding {
    let location = cell.mapping.map(Self.location)
    if let error = cell.error {
      return GateFinding(
        check: "ops", subject: "\(cell.op)/\(cell.dtype)", finding: "mapping_failed", rule: "ops/mapping_failed",
        class: .parity, message: error, file: location?.file, line: location?.line)
    }
    let worst = cell.worst
    let measure = worst.map { element in
      abs(element.actual - element.expected) / max(cell.tolerance.atol + cell.tolerance.rtol * abs(element.expected), 1e-30)
    }
    let at = worst.map { " at \($0.output)\($0.index) of case \($0.shapeCase)" } ?? ""
    return GateFinding(
      check: "ops", subject: "\(cell.op)/\(cell.dtype)", finding: "parity_mismatch", rule: "ops/parity_mismatch",
      class: .parity,
      message: "\(cell.op) in \(cell.dtype): max abs error \(cell.maxAbsError), max rel error \(cell.maxRelError), "
        + "tolerance atol \(cell.tolerance.atol) rtol \(cell.tolerance.rtol)\(at)",
      file: location?.file, line: location?.line, measure: measure.map { $0.isFinite ? ($0 * 1000).rounded() / 1000 : .greatestFiniteMagnitude })
  }

  /// `adapters/v0.9.1/ops.yaml:12:3` as a file and line.
  private static func location(_ text: String) -> (file: String, line: Int?) {
    let parts = text.split(separator: ":")
    guard parts.count >= 2, let line = Int(parts[1]) else { return (text, nil) }
    return (String(parts[0]), line)
  }
}
