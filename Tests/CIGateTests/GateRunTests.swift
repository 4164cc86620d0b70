import CIGate
import Foundation
import Testing

@Suite struct GateRunTests {
  @Test func newBreakFailsTheGate() throws {
    let fixture = try GateFixture()
    let document = try fixture.run()
    #expect(!document.passed)
    let removed = try #require(document.findings.first { $0.subject == "vllm_mindspore/a.py" && $0.check == "impact" })
    #expect(removed.status == .regression)
    #expect(removed.class == .removed)
    #expect(removed.file == "vllm_mindspore/a.py" && removed.line == 1)
    #expect(removed.key == "impact:vllm_mindspore/a.py:import_removed vllm.config.make vllm_mindspore.a")
    #expect(document.findings.contains { $0.check == "diff" && $0.target == "vllm.config.make" })
  }

  @Test func baselinedBreakPassesAndFixedOnesAreListed() throws {
    let fixture = try GateFixture()
    let first = try fixture.run()
    var baseline = Baseline(first.findings)
    baseline.findings.append(.init(key: "impact:vllm_mindspore/gone.py:import_removed vllm.gone", measure: nil))
    baseline.findings.append(.init(key: "ops:rms_norm/float16:parity_mismatch", measure: 2))
    let document = try fixture.run(baseline: baseline)
    #expect(document.passed)
    #expect(document.findings.allSatisfy { $0.status == .baselined })
    // Only the checks that ran can fix a finding.
    #expect(document.fixed == ["impact:vllm_mindspore/gone.py:import_removed vllm.gone"])
  }

  @Test func baselineKeysIgnoreLinesAndOrder() throws {
    let fixture = try GateFixture()
    let before = try fixture.run()
    let moved = fixture.plugin.appendingPathComponent("vllm_mindspore/a.py")
    try Data("\n\n# moved down\nfrom vllm.config import make\n".utf8).write(to: moved)
    let after = try fixture.run(baseline: Baseline(before.findings))
    #expect(after.passed)
    #expect(Baseline(before.findings).encoded() == Baseline(after.findings.reversed()).encoded())
  }

  @Test func allowlistedBreakPassesUntilItExpires() throws {
    let fixture = try GateFixture()
    var configuration = fixture.configuration
    configuration.checks = ["impact"]
    let key = "impact:vllm_mindspore/a.py:import_removed vllm.config.make vllm_mindspore.a"
    let others = try Baseline(fixture.run(configuration).findings.filter { $0.key != key })
    let allowlist = try Allowlist.parse(
      "allow:\n  - key: \"\(key)\"\n    reason: upstream restores it in 0.2.1\n    expires: 2026-12-31\n",
      file: "ci/allow.yaml")
    let current = try fixture.run(configuration, baseline: others, allowlist: allowlist, today: "2026-12-31")
    #expect(current.passed)
    #expect(current.findings.first { $0.key == key }?.status == .allowed)
    let expired = try fixture.run(configuration, baseline: others, allowlist: allowlist, today: "2027-01-01")
    #expect(!expired.passed)
    #expect(expired.expiredAllowances.map(\.at) == ["ci/allow.yaml:2"])
    #expect(expired.findings.first { $0.key == key }?.status == .regression)
  }

  @Test func staleAllowlistEntriesAreReported() throws {
    let fixture = try GateFixture()
    let baseline = try Baseline(fixture.run().findings)
    let allowlist = try Allowlist.parse(
      "allow:\n  - key: \"impact:vllm_mindspore/z.py:*\"\n    reason: z.py is being rewritten\n    expires: 2027-06-30\n",
      file: "allow.yaml")
    let document = try fixture.run(baseline: baseline, allowlist: allowlist)
    #expect(document.passed)
    #expect(document.staleAllowances.map(\.key) == ["impact:vllm_mindspore/z.py:*"])
    #expect(MarkdownSummary.render(document).contains("Stale allowlist entries"))
  }

  @Test func reportedClassesDoNotFail() throws {
    let fixture = try GateFixture()
    var configuration = fixture.configuration
    configuration.deny = [.parity]
    let document = try fixture.run(configuration)
    #expect(document.passed)
    #expect(document.counts.reported == document.findings.count && !document.findings.isEmpty)
  }

  @Test func scopeDropsFindingsOutsideIt() throws {
    let fixture = try GateFixture()
    var configuration = fixture.configuration
    configuration.scope = Scope(only: ["vllm.worker", "vllm_mindspore/b*"])
    let document = try fixture.run(configuration)
    #expect(!document.findings.isEmpty)
    #expect(document.findings.allSatisfy { $0.target?.hasPrefix("vllm.worker") ?? true })
    #expect(document.findings.allSatisfy { $0.file.map { $0.hasPrefix("vllm_mindspore/b") } ?? true })
  }

  @Test func parityCellThatGotWorseFails() throws {
    var configuration = GateConfiguration(from: "v0.1.0", upstreams: ["v0.2.0"], checks: [])
    configuration.deny = [.parity]
    let cell = GateFinding(
      check: "ops", subject: "rms_norm/float16", finding: "parity_mismatch", rule: "ops/parity_mismatch",
      class: .parity, message: "too far", measure: 3)
    let baseline = try JSONDecoder().decode(
      Baseline.self, from: Data(#"{"schema":"vmsync.gate-baseline/1","findings":[{"key":"\#(cell.key)","measure":2}]}"#.utf8))
    let worse = GateDocument.evaluate(
      findings: [cell], subjects: ["ops": [cell.subject]], configuration: configuration, baseline: baseline,
      allowlist: Allowlist(), today: "2026-11-25")
    #expect(!worse.passed && worse.findings[0].status == .worse)
    var better = cell
    better.measure = 1.5
    let improved = GateDocument.evaluate(
      findings: [better], subjects: ["ops": [cell.subject]], configuration: configuration, baseline: baseline,
      allowlist: Allowlist(), today: "2026-11-25")
    #expect(improved.passed && improved.findings[0].status == .baselined)
  }
}
