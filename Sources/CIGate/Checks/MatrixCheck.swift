import Foundation
import Frontend
import ModelCatalog
import ModelMatrix
import OpReference

/// `matrix`: every committed support matrix (`matrix:` in the configuration) is what
/// `vmsync matrix` generates now from its record, the catalogue, the current rules and the
/// upstream facts; at the plugin's revision the numeric evidence is run again (shared with the
/// `models` check). For the matrix at the plugin's revision, each tracked upstream's cells are
/// compared with today's: a worse cell is a `parity` regression, a better one is reported.
/// Units: the file (its frame, or a whole diff), and one per model, also per tracked upstream.
public struct MatrixCheck: GateCheck {
  public let name = "matrix"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    let configuration = context.configuration
    var units: [WorkUnit] = []
    for file in configuration.matrices {
      units.append(WorkUnit(check: name, name: file.stem, cost: 5))
      guard let path = file.record else { continue }
      let record = try record(path, in: context)
      let builder = try builder(record, at: record.revision, evidence: [], in: context)
      let runsNumeric = reruns(record, in: context) && !configuration.checks.contains("models")
      for architecture in builder.architectures {
        units.append(WorkUnit(check: name, name: "\(file.stem)/\(architecture)", cost: runsNumeric ? 360 : 5))
        guard record.revision == configuration.from else { continue }
        for upstream in configuration.upstreams where upstream != record.revision {
          units.append(WorkUnit(check: name, name: "\(file.stem)/\(architecture)", upstream: upstream, cost: 5))
        }
      }
    }
    return units
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    var findings: [GateFinding] = []
    for file in context.configuration.matrices {
      let mine = units.filter { $0.name == file.stem || $0.name.hasPrefix(file.stem + "/") }
      guard !mine.isEmpty else { continue }
      let committed = FileManager.default.contents(atPath: file.path).map { String(decoding: $0, as: UTF8.self) }
      if let path = file.record {
        findings += try checkMatrix(file, record: record(path, in: context), units: mine, committed: committed, in: context)
      } else if let from = file.diffFrom, let to = file.diffTo {
        let old = try builder(record(from, in: context), in: context).build()
        let new = try builder(record(to, in: context), in: context).build()
        findings += compare(committed, MatrixDiff(from: old, to: new).markdown(), file: file)
      }
    }
    return findings
  }

  public func help(rule: String) -> String {
    switch rule {
    case "matrix/stale":
      "The committed support matrix differs from what `vmsync matrix` generates now: regenerate it (docs/matrix-schema.md)."
    case "matrix/cell_worse": "A support matrix cell is worse at a tracked upstream release than at the plugin's revision."
    default: "A support matrix cell is better at a tracked upstream release than at the plugin's revision."
    }
  }

  /// The frame, rows and tracked upstreams of one matrix file.
  private func checkMatrix(
    _ file: MatrixFile, record: MatrixRecord, units: [WorkUnit], committed: String?, in context: GateContext
  ) throws(GateError) -> [GateFinding] {
    var findings: [GateFinding] = []
    if units.contains(where: { $0.name == file.stem }) {
      let expected = try builder(record, in: context).build().markdown()
      if let committed, committed != expected {
        findings += frameFinding(MatrixMarkdown(committed), MatrixMarkdown(expected), file: file)
      } else {
        findings += compare(committed, expected, file: file)
      }
    }
    guard let committed else { return findings }
    let parsed = MatrixMarkdown(committed)
    let architectures = units.filter { $0.name != file.stem && $0.upstream == nil }.map { architecture(of: $0, in: file) }
    if !architectures.isEmpty {
      let builder = try builder(record, in: context, freshNumericFor: architectures)
      let shape = SupportMatrix(revision: record.revision, plugin: record.plugin.revision, rows: [], unservedUpstream: [])
      for architecture in architectures {
        let row = builder.row(architecture)
        let subject = "\(file.stem)/\(architecture)"
        guard let found = parsed.rows[architecture] else {
          findings.append(
            GateFinding(
              check: name, subject: subject, finding: "stale row", rule: "matrix/stale", class: .stale,
              message: "\(file.name) has no row for `\(architecture)`; vmsync now generates one", file: file.name))
          continue
        }
        let expected = shape.markdownCells(of: row)
        for column in MatrixColumn.all {
          let want = expected[column.title]
          let have = found.cells[column.title]
          let differs = have.map { $0 != want } ?? ((row[column.id]?.state ?? .notApplicable) != .notApplicable)
          guard differs else { continue }
          findings.append(
            GateFinding(
              check: name, subject: subject, finding: "stale \(column.id)", rule: "matrix/stale", class: .stale,
              message: "\(file.name): `\(architecture)` × \(column.title) shows \(have?.text ?? "no cell"); "
                + "vmsync now generates \(want?.text ?? "no cell")",
              file: file.name, line: found.line))
        }
      }
    }
    for unit in units {
      guard let upstream = unit.upstream else { continue }
      findings += try tracked(architecture(of: unit, in: file), record: record, at: upstream, file: file,
                              line: parsed.rows[architecture(of: unit, in: file)]?.line, in: context)
    }
    return findings
  }

  /// The cells of a model whose state differs at a tracked upstream, from the static facts.
  private func tracked(
    _ architecture: String, record: MatrixRecord, at upstream: String, file: MatrixFile, line: Int?, in context: GateContext
  ) throws(GateError) -> [GateFinding] {
    let now = try builder(record, at: record.revision, evidence: [], in: context).row(architecture)
    let then = try builder(record, at: upstream, evidence: [], in: context).row(architecture)
    var findings: [GateFinding] = []
    for column in MatrixColumn.all {
      let before = now[column.id]?.state ?? .missing
      guard let after = then[column.id], Self.rank(after.state) != Self.rank(before) else { continue }
      let worse = Self.rank(after.state) < Self.rank(before)
      let why = after.reasons.isEmpty ? "" : ": " + after.reasons.joined(separator: "; ")
      findings.append(
        GateFinding(
          check: name, subject: "\(file.stem)/\(architecture)", finding: "\(worse ? "cell_worse" : "cell_better") \(column.id)",
          rule: worse ? "matrix/cell_worse" : "matrix/cell_better", class: worse ? .parity : .improved,
          message: "`\(architecture)` × \(column.title): \(before.rawValue) at \(record.revision), "
            + "\(after.state.rawValue) at \(upstream)\(why)",
          file: file.name, line: line, upstreams: [upstream]))
    }
    return findings
  }

  /// How good a state is: a cell that moves down this order got worse.
  static func rank(_ state: CellState) -> Int {
    switch state {
    case .supported, .notApplicable: 3
    case .partial: 2
    case .missing: 1
    case .upstreamGone: 0
    }
  }

  /// A whole file against what vmsync generates: a stale finding naming the first differing line.
  private func compare(_ committed: String?, _ expected: String, file: MatrixFile) -> [GateFinding] {
    guard let committed else {
      return [staleFile(file, line: nil, message: "\(file.name) is missing; vmsync generates it from its records")]
    }
    guard committed != expected else { return [] }
    let have = committed.split(separator: "\n", omittingEmptySubsequences: false)
    let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let index = Self.firstDifference(have, want) ?? min(have.count, want.count)
    return [staleFile(file, line: index + 1, message: Self.difference(
      file: file.name, line: index + 1, have: index < have.count ? String(have[index]) : nil,
      want: index < want.count ? String(want[index]) : nil))]
  }

  /// The first difference of two matrices' frames (title, counts, headings, rows, unserved list).
  private func frameFinding(_ committed: MatrixMarkdown, _ expected: MatrixMarkdown, file: MatrixFile) -> [GateFinding] {
    guard let index = Self.firstDifference(committed.frame, expected.frame) else { return [] }
    let line = index < committed.frameLines.count ? committed.frameLines[index] : committed.frameLines.last.map { $0 + 1 }
    return [staleFile(file, line: line, message: Self.difference(
      file: file.name, line: line ?? 1, have: index < committed.frame.count ? committed.frame[index] : nil,
      want: index < expected.frame.count ? expected.frame[index] : nil))]
  }

  /// The first index where two lists differ (a missing element counts), or nil when equal.
  static func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int? {
    if let index = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset { return index }
    return a.count == b.count ? nil : min(a.count, b.count)
  }

  private func staleFile(_ file: MatrixFile, line: Int?, message: String) -> GateFinding {
    GateFinding(
      check: name, subject: file.stem, finding: "stale", rule: "matrix/stale", class: .stale, message: message,
      file: file.name, line: line)
  }

  private static func difference(file: String, line: Int, have: String?, want: String?) -> String {
    "\(file):\(line) reads \(have.map { "`\($0)`" } ?? "nothing"); vmsync now generates \(want.map { "`\($0)`" } ?? "nothing")"
  }

  private func architecture(of unit: WorkUnit, in file: MatrixFile) -> String {
    String(unit.name.dropFirst(file.stem.count + 1))
  }

  /// Whether the gate runs the record's numeric evidence again: it was run for the revision, and
  /// that is the plugin's revision, whose op mappings the gate checks.
  private func reruns(_ record: MatrixRecord, in context: GateContext) -> Bool {
    record.numeric && record.revision == context.configuration.from
  }

  /// A builder for a record with its evidence, the numeric runs of `architectures` redone when
  /// the gate reruns them.
  private func builder(_ record: MatrixRecord, in context: GateContext, freshNumericFor architectures: [String] = [])
    throws(GateError) -> MatrixBuilder
  {
    guard reruns(record, in: context), !architectures.isEmpty else {
      return try builder(record, at: record.revision, evidence: record.evidence, in: context)
    }
    let catalog = try catalog(in: context)
    let listed = Set(catalog.models.map(\.architecture))
    var fresh: [MappedEvidence] = []
    for architecture in architectures where listed.contains(architecture) {
      let results = try context.modelParity(architecture, dtypes: FloatType.allCases, for: name)
      do {
        fresh += try MatrixFrontend.numericEvidence(
          results, revision: record.revision, known: MatrixFrontend.known(catalog, record.plugin))
      } catch {
        throw .check(name, reason: "\(error)")
      }
    }
    return try builder(record, at: record.revision, evidence: record.evidence(replacingNumeric: fresh), in: context)
  }

  private func builder(_ record: MatrixRecord, at revision: String, evidence: [MappedEvidence], in context: GateContext)
    throws(GateError) -> MatrixBuilder
  {
    let upstream = try context.once("matrix-facts:\(revision)") { () throws(GateError) in
      do {
        return try MatrixFrontend.upstreamFacts(revision, in: context.source)
      } catch {
        throw .check(name, reason: "\(error)")
      }
    }
    return MatrixBuilder(upstream: upstream, plugin: record.plugin, catalog: try catalog(in: context), evidence: evidence)
  }

  /// The catalogue of the adapters directory, as `vmsync matrix` reads it.
  private func catalog(in context: GateContext) throws(GateError) -> ModelCatalog {
    let adapters = try context.adapters(for: name)
    return try context.once("matrix-catalog") { () throws(GateError) in
      do {
        return try MatrixFrontend.catalog(explicit: nil, adapters: adapters.path)
      } catch {
        throw .check(name, reason: "\(error)")
      }
    }
  }

  private func record(_ path: String, in context: GateContext) throws(GateError) -> MatrixRecord {
    try context.once("matrix-record:\(path)") { () throws(GateError) in
      do {
        return try MatrixRecord.load(from: path)
      } catch {
        throw .check(name, reason: "\(error)")
      }
    }
  }
}
