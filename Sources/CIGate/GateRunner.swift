import Frontend

/// Runs the configured checks (the whole work or one shard of it) and judges the findings.
public enum GateRunner {
  /// Runs the gate.
  /// - Parameters:
  ///   - shard: Runs only this shard's units; every configured check is listed, possibly with no subject.
  ///   - today: `YYYY-MM-DD`, for allowlist expiry.
  public static func run(
    _ configuration: GateConfiguration, source: UpstreamSource, shard: ShardSpec?, baseline: Baseline,
    allowlist: Allowlist, today: String
  ) throws(GateError) -> GateDocument {
    let context = GateContext(configuration: configuration, source: source)
    let checks = configuration.checks.compactMap(GateChecks.named)
    var units: [WorkUnit] = []
    for check in checks { units += try check.units(in: context) }
    let selected = shard?.select(units) ?? units
    var subjects: [String: [String]] = [:]
    var findings: [GateFinding] = []
    for check in checks {
      let mine = selected.filter { $0.check == check.name }
      subjects[check.name] = Array(Set(mine.map(\.name))).sorted()
      if !mine.isEmpty { findings += try check.run(mine, in: context) }
    }
    return GateDocument.evaluate(
      findings: findings, subjects: subjects, configuration: configuration, baseline: baseline,
      allowlist: allowlist, today: today, shard: shard)
  }
}
