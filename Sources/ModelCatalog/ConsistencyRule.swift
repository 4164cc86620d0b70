/// A check every catalogue entry must pass; the loader runs them all.
public enum ConsistencyRule: String, Sendable, CaseIterable {
  case sourcesAtLeastTwo = "sources_at_least_two"
  case checkpointsPresent = "checkpoints_present"
  case positiveValues = "positive_values"
  case headsDivideHidden = "heads_divide_hidden"
  case kvHeadsDivideHeads = "kv_heads_divide_heads"
  case partialRotaryRange = "partial_rotary_range"
  case rotaryDimEven = "rotary_dim_even"
  case ropeScalingParameters = "rope_scaling_parameters"
  case mropeSectionPresent = "mrope_section_present"
  case mropeSectionSum = "mrope_section_sum"
  case slidingWindowPositive = "sliding_window_positive"
  case slidingWindowPattern = "sliding_window_pattern"
  case softcapPositive = "softcap_positive"
  case topkWithinExperts = "topk_within_experts"
  case topkGroupWithinGroups = "topk_group_within_groups"
  case groupsDivideExperts = "groups_divide_experts"
  case denseLayersWithinLayers = "dense_layers_within_layers"
  case sharedExpertGateNeedsSharedExperts = "shared_expert_gate_needs_shared_experts"
  case mlaHeadDim = "mla_head_dim"
  case visionHeadsDivideHidden = "vision_heads_divide_hidden"
  case visionBlocksWithinDepth = "vision_blocks_within_depth"
  case poolingHasNoMTP = "pooling_has_no_mtp"

  /// Why a rule fails for an entry, and the dotted key (`config.head_dim`) to point at.
  public struct Violation: Sendable, Hashable {
    public var reason: String
    public var key: String
  }

  /// The first way `entry` breaks this rule, or `nil` when it holds.
  public func violation(in entry: ModelEntry) -> Violation? {
    let c = entry.config
    func fail(_ reason: String, _ key: String) -> Violation { Violation(reason: reason, key: key) }
    switch self {
    case .sourcesAtLeastTwo:
      if entry.sources.count < 2 { return fail("needs at least two sources, has \(entry.sources.count)", "sources") }
      if let bad = entry.sources.first(where: { !$0.hasPrefix("https://") }) {
        return fail("source '\(bad)' is not an https URL", "sources")
      }
    case .checkpointsPresent:
      if entry.checkpoints.isEmpty { return fail("needs at least one checkpoint", "checkpoints") }
    case .positiveValues:
      let values: [(Double?, String)] = [
        (c.ropeTheta, "config.rope_theta"), (c.ropeLocalTheta, "config.rope_local_base_freq"),
        (c.norm.epsilon, c.norm.kind == .rms ? "config.rms_norm_eps" : "config.layer_norm_eps"),
        (c.queryPreAttnScalar, "config.query_pre_attn_scalar"), (c.scaleEmb, "config.scale_emb"),
        (c.scaleDepth, "config.scale_depth"), (entry.moe?.routedScalingFactor, "moe.routed_scaling_factor"),
      ]
      for case (let value?, let key) in values where value <= 0 {
        return fail("\(key.split(separator: ".").last ?? "") \(value) is not positive", key)
      }
    case .headsDivideHidden:
      if entry.mla == nil, !c.isHeadDimExplicit, c.hiddenSize % c.numAttentionHeads != 0 {
        return fail(
          "num_attention_heads \(c.numAttentionHeads) does not divide hidden_size \(c.hiddenSize) and head_dim is not given",
          "config.num_attention_heads")
      }
    case .kvHeadsDivideHeads:
      if c.numAttentionHeads % c.numKeyValueHeads != 0 {
        return fail(
          "num_key_value_heads \(c.numKeyValueHeads) does not divide num_attention_heads \(c.numAttentionHeads)",
          "config.num_key_value_heads")
      }
    case .partialRotaryRange:
      if !(c.partialRotaryFactor > 0 && c.partialRotaryFactor <= 1) {
        return fail("partial_rotary_factor \(c.partialRotaryFactor) is not in (0, 1]", "config.partial_rotary_factor")
      }
    case .rotaryDimEven:
      if let mla = entry.mla {
        if mla.qkRopeHeadDim % 2 != 0 {
          return fail("qk_rope_head_dim \(mla.qkRopeHeadDim) is odd", "mla.qk_rope_head_dim")
        }
      } else {
        let exact = Double(c.headDim) * c.partialRotaryFactor
        if exact != exact.rounded() || c.rotaryDim % 2 != 0 {
          return fail(
            "head_dim \(c.headDim) × partial_rotary_factor \(c.partialRotaryFactor) = \(exact) is not an even integer",
            "config.partial_rotary_factor")
        }
      }
    case .ropeScalingParameters:
      if let scaling = c.ropeScaling, let missing = Self.missingRopeParameter(scaling) {
        return fail("rope_scaling type '\(scaling.kind.rawValue)' needs '\(missing)'", "config.rope_scaling")
      }
      if let factor = c.ropeScaling?.factor, factor < 1 {
        return fail("rope_scaling factor \(factor) is below 1", "config.rope_scaling.factor")
      }
    case .mropeSectionPresent:
      if c.ropeScaling?.kind == .mrope, c.mropeSection == nil {
        return fail("rope_scaling type 'mrope' needs config.mrope_section", "config.rope_scaling")
      }
      if c.mropeSection != nil, ![nil, .default, .mrope].contains(c.ropeScaling?.kind) {
        return fail(
          "mrope_section is given with rope_scaling type '\(c.ropeScaling?.kind.rawValue ?? "")'",
          "config.mrope_section")
      }
    case .mropeSectionSum:
      // Summed with overflow checks: the sections are arbitrary integers from the file.
      if let section = c.mropeSection {
        var sum = 0
        var overflowed = false
        for part in section where !overflowed {
          (sum, overflowed) = sum.addingReportingOverflow(part)
        }
        if overflowed || sum != entry.rotaryDim / 2 {
          return fail(
            "mrope_section \(section) does not sum to rotary_dim / 2 = \(entry.rotaryDim / 2)", "config.mrope_section")
        }
      }
    case .slidingWindowPositive:
      if let window = c.slidingWindow, window.size <= 0 {
        return fail("sliding_window size \(window.size) is not positive", "config.sliding_window.size")
      }
    case .slidingWindowPattern:
      if let every = c.slidingWindow?.globalEvery, every < 2 || every > c.numHiddenLayers {
        return fail("global_every \(every) is not in 2...\(c.numHiddenLayers)", "config.sliding_window.global_every")
      }
    case .softcapPositive:
      for (value, key) in [
        (c.attnLogitSoftcapping, "attn_logit_softcapping"), (c.finalLogitSoftcapping, "final_logit_softcapping"),
      ] {
        if let value, value <= 0 { return fail("\(key) \(value) is not positive", "config.\(key)") }
      }
    case .topkWithinExperts:
      if let moe = entry.moe, moe.numExpertsPerTok > moe.numExperts {
        return fail(
          "num_experts_per_tok \(moe.numExpertsPerTok) exceeds num_experts \(moe.numExperts)", "moe.num_experts_per_tok"
        )
      }
    case .topkGroupWithinGroups:
      if let moe = entry.moe, moe.topkGroup > moe.nGroup {
        return fail("topk_group \(moe.topkGroup) exceeds n_group \(moe.nGroup)", "moe.topk_group")
      }
    case .groupsDivideExperts:
      if let moe = entry.moe, moe.numExperts % moe.nGroup != 0 {
        return fail("n_group \(moe.nGroup) does not divide num_experts \(moe.numExperts)", "moe.n_group")
      }
    case .denseLayersWithinLayers:
      if let moe = entry.moe {
        if moe.firstKDenseReplace >= c.numHiddenLayers {
          return fail(
            "first_k_dense_replace \(moe.firstKDenseReplace) is not below num_hidden_layers \(c.numHiddenLayers)",
            "moe.first_k_dense_replace")
        }
        if let layer = moe.mlpOnlyLayers.first(where: { $0 >= c.numHiddenLayers }) {
          return fail("mlp_only_layers names layer \(layer) of \(c.numHiddenLayers)", "moe.mlp_only_layers")
        }
        if moe.decoderSparseStep > c.numHiddenLayers {
          return fail(
            "decoder_sparse_step \(moe.decoderSparseStep) exceeds num_hidden_layers", "moe.decoder_sparse_step")
        }
      }
    case .sharedExpertGateNeedsSharedExperts:
      if let moe = entry.moe, moe.hasSharedExpertGate, moe.nSharedExperts == 0,
        (moe.sharedExpertIntermediateSize ?? 0) == 0
      {
        return fail("shared_expert_gate without shared experts", "moe.shared_expert_gate")
      }
    case .mlaHeadDim:
      if let mla = entry.mla, c.headDim != mla.qkHeadDim {
        return fail(
          "head_dim \(c.headDim) is not qk_nope_head_dim + qk_rope_head_dim = \(mla.qkHeadDim)", "config.head_dim")
      }
    case .visionHeadsDivideHidden:
      if let vision = entry.vision, vision.hiddenSize % vision.numHeads != 0 {
        return fail(
          "vision num_heads \(vision.numHeads) does not divide hidden_size \(vision.hiddenSize)", "vision.num_heads")
      }
    case .visionBlocksWithinDepth:
      if let vision = entry.vision {
        for (blocks, key) in [
          (vision.fullattBlockIndexes, "fullatt_block_indexes"),
          (vision.deepstackVisualIndexes, "deepstack_visual_indexes"),
        ] {
          if let block = blocks.first(where: { $0 >= vision.depth }) {
            return fail("\(key) names block \(block) of \(vision.depth)", "vision.\(key)")
          }
        }
      }
    case .poolingHasNoMTP:
      if entry.task != .generate, entry.mtpLayers > 0 {
        return fail("a '\(entry.task.rawValue)' model has no use for mtp_layers", "mtp_layers")
      }
    }
    return nil
  }

  private static func missingRopeParameter(_ scaling: RopeScaling) -> String? {
    let required: [(String, Bool)] =
      switch scaling.kind {
      case .default, .mrope: []
      case .linear, .dynamic: [("factor", scaling.factor != nil)]
      case .yarn:
        [
          ("factor", scaling.factor != nil),
          ("original_max_position_embeddings", scaling.originalMaxPositionEmbeddings != nil),
        ]
      case .llama3:
        [
          ("factor", scaling.factor != nil), ("low_freq_factor", scaling.lowFreqFactor != nil),
          ("high_freq_factor", scaling.highFreqFactor != nil),
          ("original_max_position_embeddings", scaling.originalMaxPositionEmbeddings != nil),
        ]
      case .longrope: [("long_factor", scaling.longFactor != nil), ("short_factor", scaling.shortFactor != nil)]
      }
    return required.first(where: { !$0.1 })?.0
  }
}
