import Foundation

/// The result of a gate run (schema `vmsync.gate/1`, see docs/ci.md). A shard's document names
/// its shard; merging every shard's document gives the unsharded one, byte for byte.
public struct GateDocument: Codable, Equatable, Sendable {
  public static let schema = "vmsync.gate/1"

  /// The subjects (units) one check ran: the test cases of the JUnit report.
  public struct CheckSubjects: Codable, Equatable, Sendable {
    public var check: String
    public var subjects: [String]
  }

  /// How many of each.
  public struct Counts: Codable, Equatable, Sendable {
    public var subjects = 0
    public var findings = 0
    public var regressions = 0
    public var worse = 0
    public var reported = 0
    public var baselined = 0
    public var allowed = 0
    public var fixed = 0
    public var expiredAllowances = 0
    public var staleAllowances = 0
  }

  public var schema = GateDocument.schema
  /// `i/n` for a shard's document; absent for a whole run.
  public var shard: String?
  public var from: String
  public var upstreams: [String]
  /// No regression, no parity cell worse, no expired allowlist entry.
  public var passed: Bool
  public var counts: Counts
  public var checks: [CheckSubjects]
  /// In scope, sorted by key, each with its status.
  public var findings: [GateFinding]
  /// Baseline keys of the checks run that no longer occur.
  public var fixed: [String]
  /// Allowlist entries past their date: each fails the gate.
  public var expiredAllowances: [Allowance]
  /// Allowlist entries that match no finding.
  public var staleAllowances: [Allowance]

  /// The findings that fail the gate.
  public var failures: [GateFinding] { findings.filter { $0.status?.fails ?? false } }

  /// Judges the findings of a run against the baseline and the allowlist.
  /// - Parameters:
  ///   - findings: Every finding of the checks run; the same key seen against several
  ///     upstreams is one finding.
  ///   - subjects: The units each check ran.
  ///   - today: `YYYY-MM-DD`, for expiry.
  public static func evaluate(
    findings: [GateFinding], subjects: [String: [String]], configuration: GateConfiguration,
    baseline: Baseline, allowlist: Allowlist, today: String, shard: ShardSpec? = nil
  ) -> GateDocument {
    var combined: [String: GateFinding] = [:]
    for finding in findings where configuration.scope.keeps(finding) {
      combined[finding.key, default: finding].upstreams += finding.upstreams
    }
    let known = baseline.byKey
    let live = allowlist.entries.filter { !$0.isExpired(today: today) }
    var judged = combined.values.sorted { $0.key < $1.key }
    var used = Set<Allowance>()
    for index in judged.indices {
      var finding = judged[index]
      finding.upstreams = Array(Set(finding.upstreams)).sorted()
      if let allowance = live.first(where: { $0.matches(finding.key) }) {
        used.insert(allowance)
        finding.status = .allowed
      } else if let entry = known[finding.key] {
        let grew = (finding.measure ?? 0) > (entry.measure ?? .greatestFiniteMagnitude)
        finding.status = grew ? .worse : .baselined
      } else {
        finding.status = configuration.deny.contains(finding.class) ? .regression : .reported
      }
      judged[index] = finding
    }
    let checksRun = Set(subjects.keys)
    let found = Set(judged.map(\.key))
    var document = GateDocument(
      shard: shard?.description, from: configuration.from, upstreams: configuration.upstreams, passed: true,
      counts: Counts(),
      checks: subjects.keys.sorted().map { CheckSubjects(check: $0, subjects: subjects[$0]!.sorted()) },
      findings: judged,
      fixed: baseline.findings.map(\.key).filter { key in
        !found.contains(key) && checksRun.contains(String(key.prefix { $0 != ":" }))
      },
      expiredAllowances: allowlist.entries.filter { $0.isExpired(today: today) },
      staleAllowances: live.filter { !used.contains($0) })
    document.recount()
    return document
  }

  /// Merges the documents of every shard of one run into the unsharded document.
  /// - Throws: ``GateError/argument(_:)`` when a shard is missing, repeated, or from another run.
  public static func merge(_ documents: [GateDocument]) throws(GateError) -> GateDocument {
    guard let first = documents.first else { throw .argument("ci merge: no shard documents given") }
    let shards = try documents.map { document throws(GateError) in
      guard let text = document.shard else { throw .argument("ci merge: a document is not a shard's (no shard field)") }
      return try ShardSpec(text)
    }
    let count = shards[0].count
    guard shards.allSatisfy({ $0.count == count }), Set(shards.map(\.index)) == Set(1...count), shards.count == count else {
      throw .argument("ci merge: expected shards 1/\(count) to \(count)/\(count) once each, got \(shards.map(\.description).joined(separator: ", "))")
    }
    guard documents.allSatisfy({ $0.from == first.from && $0.upstreams == first.upstreams }) else {
      throw .argument("ci merge: the shards checked different revisions")
    }
    var subjects: [String: Set<String>] = [:]
    for document in documents {
      for check in document.checks { subjects[check.check, default: []].formUnion(check.subjects) }
    }
    // A key found against upstreams that went to different shards is one finding; its text is
    // the one of the first upstream in the configuration's order, as in an unsharded run.
    let rank = { (finding: GateFinding) in finding.upstreams.compactMap(first.upstreams.firstIndex).min() ?? 0 }
    var byKey: [String: GateFinding] = [:]
    for finding in documents.flatMap(\.findings) {
      guard var kept = byKey[finding.key] else {
        byKey[finding.key] = finding
        continue
      }
      let upstreams = Array(Set(kept.upstreams + finding.upstreams)).sorted()
      if rank(finding) < rank(kept) { kept = finding }
      kept.upstreams = upstreams
      byKey[finding.key] = kept
    }
    var merged = first
    merged.shard = nil
    merged.checks = subjects.keys.sorted().map { CheckSubjects(check: $0, subjects: subjects[$0]!.sorted()) }
    merged.findings = byKey.values.sorted { $0.key < $1.key }
    // A baseline key is fixed, an allowance stale, only when no shard found it.
    merged.fixed = documents.dropFirst().reduce(first.fixed) { fixed, document in fixed.filter(document.fixed.contains) }
    merged.staleAllowances = documents.dropFirst().reduce(first.staleAllowances) { stale, document in
      stale.filter(document.staleAllowances.contains)
    }
    merged.recount()
    return merged
  }

  /// Recomputes the counts and the verdict from the lists.
  mutating func recount() {
    var counts = Counts()
    counts.subjects = checks.reduce(0) { $0 + $1.subjects.count }
    counts.findings = findings.count
    for finding in findings {
      switch finding.status {
      case .regression: counts.regressions += 1
      case .worse: counts.worse += 1
      case .reported: counts.reported += 1
      case .baselined: counts.baselined += 1
      case .allowed: counts.allowed += 1
      case nil: break
      }
    }
    counts.fixed = fixed.count
    counts.expiredAllowances = expiredAllowances.count
    counts.staleAllowances = staleAllowances.count
    self.counts = counts
    passed = counts.regressions == 0 && counts.worse == 0 && counts.expiredAllowances == 0
  }

  /// The JSON file's bytes.
  public func encoded() -> Data { GateJSON.encode(self) }

  /// Reads a document written by `ci run`.
  public static func load(from path: String) throws(GateError) -> GateDocument {
    guard let data = FileManager.default.contents(atPath: path) else { throw .argument("\(path): cannot read") }
    do {
      let document = try JSONDecoder().decode(GateDocument.self, from: data)
      guard document.schema == schema else { throw GateError.argument("\(path): schema \(document.schema), expected \(schema)") }
      return document
    } catch let error as GateError {
      throw error
    } catch {
      throw .argument("\(path): not a \(schema) document")
    }
  }
}
