import ModelCatalog
import Testing

/// A broken catalogue and the rule it must trip, with the text of the line the error must name.
struct BrokenCase: Sendable, CustomTestStringConvertible {
  var rule: ConsistencyRule
  var config: String = baseConfig
  var extra: String = ""
  var task: String = "generate"
  /// The start of the line (after indentation) the error must point at.
  var line: String

  var testDescription: String { rule.rawValue }
}

let mlaSection = """
  mla:
    kv_lora_rank: 512
    qk_nope_head_dim: 128
    qk_rope_head_dim: 64
    v_head_dim: 128
  """

let moeSection = """
  moe:
    num_experts: 8
    num_experts_per_tok: 2
    n_group: 4
    topk_group: 2
    norm_topk_prob: true
    moe_intermediate_size: 32
  """

let visionSection = """
  vision:
    depth: 4
    hidden_size: 64
    num_heads: 8
    intermediate_size: 128
    patch_size: 14
  """

func replacing(_ old: String, _ new: String, in text: String = baseConfig) -> String {
  text.replacingOccurrences(of: old, with: new)
}

@Suite struct ConsistencyRuleTests {
  static let cases: [BrokenCase] = [
    BrokenCase(rule: .positiveValues, config: replacing("rope_theta: 10000", "rope_theta: -1"), line: "rope_theta"),
    BrokenCase(
      rule: .positiveValues, config: replacing("rms_norm_eps: 1.0e-6", "rms_norm_eps: 0"), line: "rms_norm_eps"),
    BrokenCase(
      rule: .headsDivideHidden, config: replacing("num_attention_heads: 8", "num_attention_heads: 6"),
      line: "num_attention_heads"),
    BrokenCase(
      rule: .kvHeadsDivideHeads, config: replacing("num_key_value_heads: 2", "num_key_value_heads: 3"),
      line: "num_key_value_heads"),
    BrokenCase(
      rule: .partialRotaryRange, config: baseConfig + "\npartial_rotary_factor: 1.5", line: "partial_rotary_factor"),
    BrokenCase(
      rule: .rotaryDimEven, config: baseConfig + "\npartial_rotary_factor: 0.375", line: "partial_rotary_factor"),
    BrokenCase(
      rule: .ropeScalingParameters, config: baseConfig + "\nrope_scaling: {type: yarn, factor: 4.0}",
      line: "rope_scaling"),
    BrokenCase(rule: .mropeSectionPresent, config: baseConfig + "\nrope_scaling: {type: mrope}", line: "rope_scaling"),
    BrokenCase(rule: .mropeSectionSum, config: baseConfig + "\nmrope_section: [1, 1, 1]", line: "mrope_section"),
    BrokenCase(
      rule: .mropeSectionSum, config: baseConfig + "\nmrope_section: [9223372036854775807, 9223372036854775807]",
      line: "mrope_section"),
    BrokenCase(
      rule: .slidingWindowPositive, config: baseConfig + "\nsliding_window: {size: 0}", line: "sliding_window"),
    BrokenCase(
      rule: .slidingWindowPattern, config: baseConfig + "\nsliding_window: {size: 16, global_every: 1}",
      line: "sliding_window"),
    BrokenCase(
      rule: .softcapPositive, config: baseConfig + "\nfinal_logit_softcapping: -1.0", line: "final_logit_softcapping"),
    BrokenCase(
      rule: .topkWithinExperts, extra: replacing("num_experts_per_tok: 2", "num_experts_per_tok: 9", in: moeSection),
      line: "num_experts_per_tok"),
    BrokenCase(
      rule: .topkGroupWithinGroups, extra: replacing("topk_group: 2", "topk_group: 5", in: moeSection),
      line: "topk_group"),
    BrokenCase(
      rule: .groupsDivideExperts, extra: replacing("n_group: 4", "n_group: 3", in: moeSection), line: "n_group"),
    BrokenCase(
      rule: .denseLayersWithinLayers, extra: moeSection + "\n  first_k_dense_replace: 4", line: "first_k_dense_replace"),
    BrokenCase(
      rule: .sharedExpertGateNeedsSharedExperts, extra: moeSection + "\n  shared_expert_gate: true",
      line: "shared_expert_gate"),
    BrokenCase(
      rule: .rotaryDimEven, extra: replacing("qk_rope_head_dim: 64", "qk_rope_head_dim: 63", in: mlaSection),
      line: "qk_rope_head_dim"),
    BrokenCase(rule: .mlaHeadDim, config: baseConfig + "\nhead_dim: 128", extra: mlaSection, line: "head_dim"),
    BrokenCase(
      rule: .visionHeadsDivideHidden, extra: replacing("num_heads: 8", "num_heads: 5", in: visionSection),
      line: "num_heads"),
    BrokenCase(
      rule: .visionBlocksWithinDepth, extra: visionSection + "\n  fullatt_block_indexes: [1, 4]",
      line: "fullatt_block_indexes"),
    BrokenCase(rule: .poolingHasNoMTP, extra: "mtp_layers: 1", task: "embed", line: "mtp_layers"),
  ]

  @Test(arguments: cases)
  func brokenFixtureNamesRuleFileAndLine(_ c: BrokenCase) throws {
    let text = catalogText(config: c.config, extra: c.extra, task: c.task)
    let error = try #require(loadError(text))
    guard case .inconsistent(let rule, _, let at) = error else {
      Issue.record("expected \(c.rule.rawValue), got \(error)")
      return
    }
    #expect(rule == c.rule.rawValue)
    #expect(at.file.hasSuffix("models.yaml"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let named = lines[at.line - 1].trimmingCharacters(in: .whitespaces)
    #expect(named.hasPrefix(c.line), "line \(at.line): \(named)")
    #expect(error.description.contains("[\(c.rule.rawValue)]"))
  }

  @Test func everyRuleHasABrokenFixture() {
    let covered = Set(Self.cases.map(\.rule))
    let untested = ConsistencyRule.allCases.filter {
      !covered.contains($0) && $0 != .sourcesAtLeastTwo && $0 != .checkpointsPresent
    }
    #expect(untested.isEmpty)
  }

  @Test func oneSourceIsRejected() {
    let text = catalogText().split(separator: "\n").filter { !$0.contains("example.org/paper") }.joined(separator: "\n")
    guard case .inconsistent(rule: "sources_at_least_two", _, let at) = loadError(text) else {
      Issue.record("expected sources_at_least_two")
      return
    }
    #expect(at.line == 8)
  }

  @Test func emptyCheckpointsAreRejected() {
    let text = catalogText().replacingOccurrences(of: "[org/test-1b]", with: "[]")
    guard case .inconsistent(rule: "checkpoints_present", _, _) = loadError(text) else {
      Issue.record("expected checkpoints_present")
      return
    }
  }

  @Test func mlaDerivesHeadDimFromItsParts() throws {
    let model = try loadFixture(catalogText(extra: mlaSection))["TestForCausalLM"]
    #expect(model?.config.headDim == 192)
    #expect(model?.rotaryDim == 64)
    #expect(model?.features.contains(.mla) == true)
  }
}
