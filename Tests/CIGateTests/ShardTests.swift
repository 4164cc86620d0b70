import CIGate
import Foundation
import Testing

@Suite struct ShardTests {
  @Test func partitionIsDeterministicAndBalanced() {
    let units = (0..<40).map { WorkUnit(check: $0 < 20 ? "impact" : "ops", name: "u\($0)", cost: 1 + ($0 * 7) % 13) }
    let shards = ShardSpec.partition(units, into: 4)
    #expect(shards == ShardSpec.partition(units, into: 4))
    #expect(Set(shards.flatMap { $0 }) == Set(units))
    #expect(shards.flatMap { $0 }.count == units.count)
    let loads = shards.map { $0.reduce(0) { $0 + $1.cost } }
    #expect(loads.max()! - loads.min()! <= 12)
  }

  @Test func shardsKeepTheUnitsOfOneUpstreamTogether() {
    let units = ["v0.12.0", "v0.33.0"].flatMap { upstream in
      (0..<10).map { WorkUnit(check: "impact", name: "f\($0).py", upstream: upstream, cost: 10) }
    }
    let shards = ShardSpec.partition(units, into: 2)
    #expect(shards.map { Set($0.compactMap(\.upstream)).count } == [1, 1])
    #expect(shards.map(\.count) == [10, 10])
  }

  @Test func shardsMergeToTheUnshardedRunByteForByte() throws {
    let fixture = try GateFixture()
    let first = try fixture.run()
    // One finding baselined, one baseline key fixed, one allowance used and one stale.
    var baseline = Baseline(Array(first.findings.prefix(1)))
    baseline.findings.append(.init(key: "impact:vllm_mindspore/c.py:import_removed vllm.gone", measure: nil))
    let allowlist = try Allowlist.parse(
      """
      allow:
        - key: "\(first.findings.last!.key)"
          reason: accepted
          expires: 2030-01-01
        - key: "diff:vllm.nothing:*"
          reason: stale
          expires: 2030-01-01
      """, file: "allow.yaml")
    let whole = try fixture.run(baseline: baseline, allowlist: allowlist)
    #expect(whole.fixed.count == 1 && whole.staleAllowances.count == 1 && whole.counts.allowed == 1)
    // The same key found against both upstreams.
    #expect(whole.findings.contains { $0.upstreams == ["v0.2.0", "v0.3.0"] })
    for count in [2, 3] {
      var paths: [String] = []
      for index in 1...count {
        let shard = try fixture.run(shard: try ShardSpec("\(index)/\(count)"), baseline: baseline, allowlist: allowlist)
        paths.append(try fixture.write("shard-\(index)-of-\(count).json", String(decoding: shard.encoded(), as: UTF8.self)))
      }
      let merged = try GateDocument.merge(paths.reversed().map(GateDocument.load))
      #expect(merged.encoded() == whole.encoded())
    }
  }

  @Test func mergeRefusesIncompleteShardSets() throws {
    let fixture = try GateFixture()
    let one = try fixture.run(shard: try ShardSpec("1/2"))
    #expect(throws: GateError.self) { try GateDocument.merge([one]) }
    #expect(throws: GateError.self) { try GateDocument.merge([one, one]) }
  }

  @Test func badShardSpecsAreRejected() {
    for text in ["0/4", "5/4", "2", "a/b", "1/0", "-1/2"] {
      #expect(throws: GateError.self) { try ShardSpec(text) }
    }
  }
}
