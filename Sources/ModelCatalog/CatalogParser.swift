import APIModel
import Yams

/// Turns the composed catalogue document into checked entries.
struct CatalogParser {
  let reader: CatalogReader

  static let entryKeys = [
    "family", "checkpoints", "backend", "task", "sources", "notes", "config", "moe", "mla", "mtp_layers", "vision",
  ]
  static let configKeys = [
    "hidden_size", "num_hidden_layers", "num_attention_heads", "num_key_value_heads", "head_dim", "intermediate_size",
    "vocab_size", "max_position_embeddings", "rms_norm_eps", "layer_norm_eps", "hidden_act", "rope_theta",
    "rope_local_base_freq", "rope_scaling", "partial_rotary_factor", "mrope_section", "mrope_interleaved",
    "rope_interleaved",
    "qk_norm", "sliding_window", "attention_bias", "attention_output_bias", "post_norms", "norm_unit_offset",
    "embed_scale_sqrt_hidden", "tie_word_embeddings", "attn_logit_softcapping",
    "final_logit_softcapping", "query_pre_attn_scalar", "scale_emb", "scale_depth", "dim_model_base",
  ]
  static let ropeKeys = [
    "type", "factor", "original_max_position_embeddings", "low_freq_factor", "high_freq_factor", "beta_fast",
    "beta_slow", "mscale", "mscale_all_dim", "long_factor", "short_factor",
  ]
  static let moeKeys = [
    "num_experts", "num_experts_per_tok", "n_group", "topk_group", "scoring_func", "e_score_correction_bias",
    "norm_topk_prob", "routed_scaling_factor", "n_shared_experts", "moe_intermediate_size",
    "shared_expert_intermediate_size", "shared_expert_gate", "first_k_dense_replace", "decoder_sparse_step",
    "mlp_only_layers",
  ]
  static let mlaKeys = ["q_lora_rank", "kv_lora_rank", "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim"]
  static let visionKeys = [
    "depth", "hidden_size", "num_heads", "intermediate_size", "patch_size", "spatial_merge_size", "temporal_patch_size",
    "out_hidden_size", "hidden_act", "window_size", "fullatt_block_indexes", "deepstack_visual_indexes",
  ]

  func parse(_ text: String) throws(CatalogError) -> [ModelEntry] {
    let root = try reader.fields(reader.compose(text), "the catalogue", allowed: ["schema", "models"])
    let schemaNode = try root.required("schema")
    let schema = try reader.string(schemaNode, "schema")
    guard schema == ModelCatalog.schema else { throw .unsupportedSchema(schema, at: reader.location(schemaNode)) }
    let models = try reader.fields(root.required("models"), "models", allowed: [])
    var entries: [ModelEntry] = []
    for (architecture, keyNode, body) in models.entries {
      let entry = try self.entry(architecture, at: reader.location(keyNode), body: body)
      for rule in ConsistencyRule.allCases {
        if let violation = rule.violation(in: entry) {
          let location = entry.keyLocations[violation.key] ?? entry.location
          throw .inconsistent(rule: rule.rawValue, reason: "\(architecture): \(violation.reason)", at: location)
        }
      }
      entries.append(entry)
    }
    return entries
  }

  private func entry(_ architecture: String, at location: SourceLocation, body: Node) throws(CatalogError) -> ModelEntry
  {
    let fields = try reader.fields(body, architecture, allowed: Self.entryKeys)
    var locations: [String: SourceLocation] = [:]
    for (key, keyNode, _) in fields.entries { locations[key] = reader.location(keyNode) }
    let configFields = try reader.fields(fields.required("config"), "\(architecture).config", allowed: Self.configKeys)
    record(configFields, prefix: "config", into: &locations)
    let mla = try fields["mla"].map { node throws(CatalogError) in
      let mlaFields = try reader.fields(node, "\(architecture).mla", allowed: Self.mlaKeys)
      record(mlaFields, prefix: "mla", into: &locations)
      return try self.mla(mlaFields)
    }
    let config = try self.config(configFields, mla: mla)
    let moe = try fields["moe"].map { node throws(CatalogError) in
      let moeFields = try reader.fields(node, "\(architecture).moe", allowed: Self.moeKeys)
      record(moeFields, prefix: "moe", into: &locations)
      return try self.moe(moeFields)
    }
    let vision = try fields["vision"].map { node throws(CatalogError) in
      let visionFields = try reader.fields(node, "\(architecture).vision", allowed: Self.visionKeys)
      record(visionFields, prefix: "vision", into: &locations)
      return try self.vision(visionFields)
    }
    var entry = ModelEntry(
      architecture: architecture, family: try fields.string("family"), checkpoints: try fields.strings("checkpoints"),
      backend: try fields.choice("backend", ServingBackend.self), task: try fields.choice("task", ModelTask.self),
      sources: try fields.strings("sources"), notes: try fields.optionalString("notes"), config: config, moe: moe,
      mla: mla, mtpLayers: try fields.optionalInt("mtp_layers", minimum: 0) ?? 0, vision: vision, location: location)
    entry.keyLocations = locations
    return entry
  }

  private func record(_ fields: Fields, prefix: String, into locations: inout [String: SourceLocation]) {
    locations[prefix] = fields.location
    for (key, keyNode, value) in fields.entries {
      locations["\(prefix).\(key)"] = reader.location(keyNode)
      if case .mapping = value, let nested = try? reader.fields(value, key, allowed: []) {
        record(nested, prefix: "\(prefix).\(key)", into: &locations)
      }
    }
  }

  private func config(_ fields: Fields, mla: MLAConfig?) throws(CatalogError) -> ModelConfig {
    let hidden = try fields.int("hidden_size")
    let heads = try fields.int("num_attention_heads")
    let explicitHeadDim = try fields.optionalInt("head_dim")
    let derivedHeadDim = mla?.qkHeadDim ?? hidden / heads
    let norm: Normalization
    switch (try fields.optionalNumber("rms_norm_eps"), try fields.optionalNumber("layer_norm_eps")) {
    case (let eps?, nil): norm = Normalization(kind: .rms, epsilon: eps)
    case (nil, let eps?): norm = Normalization(kind: .layer, epsilon: eps)
    case (_?, _?):
      throw .invalidValue(
        key: "layer_norm_eps", reason: "give rms_norm_eps or layer_norm_eps, not both",
        at: fields.keyLocation("layer_norm_eps"))
    case (nil, nil): throw .missingKey("rms_norm_eps", in: fields.context, at: fields.location)
    }
    return ModelConfig(
      hiddenSize: hidden, numHiddenLayers: try fields.int("num_hidden_layers"), numAttentionHeads: heads,
      numKeyValueHeads: try fields.optionalInt("num_key_value_heads") ?? heads,
      headDim: explicitHeadDim ?? derivedHeadDim, isHeadDimExplicit: explicitHeadDim != nil,
      intermediateSize: try fields.int("intermediate_size"), vocabSize: try fields.int("vocab_size"),
      maxPositionEmbeddings: try fields.optionalInt("max_position_embeddings"), norm: norm,
      hiddenAct: try fields.string("hidden_act"), ropeTheta: try fields.number("rope_theta"),
      ropeLocalTheta: try fields.optionalNumber("rope_local_base_freq"),
      ropeScaling: try fields["rope_scaling"].map { node throws(CatalogError) in try ropeScaling(node, fields.context)
      },
      partialRotaryFactor: try fields.optionalNumber("partial_rotary_factor") ?? 1,
      mropeSection: try fields.ints("mrope_section", minimum: 1),
      isMropeInterleaved: try fields.bool("mrope_interleaved", default: false),
      isRopeInterleaved: try fields.bool("rope_interleaved", default: false),
      hasQKNorm: try fields.bool("qk_norm", default: false),
      slidingWindow: try fields["sliding_window"].map { node throws(CatalogError) in
        try slidingWindow(node, fields.context)
      },
      hasAttentionBias: try fields.bool("attention_bias", default: false),
      hasAttentionOutputBias: try fields.bool("attention_output_bias", default: false),
      hasPostNorms: try fields.bool("post_norms", default: false),
      isNormUnitOffset: try fields.bool("norm_unit_offset", default: false),
      scalesEmbeddingsBySqrtHidden: try fields.bool("embed_scale_sqrt_hidden", default: false),
      tieWordEmbeddings: try fields.bool("tie_word_embeddings", default: false),
      attnLogitSoftcapping: try fields.optionalNumber("attn_logit_softcapping"),
      finalLogitSoftcapping: try fields.optionalNumber("final_logit_softcapping"),
      queryPreAttnScalar: try fields.optionalNumber("query_pre_attn_scalar"),
      scaleEmb: try fields.optionalNumber("scale_emb"), scaleDepth: try fields.optionalNumber("scale_depth"),
      dimModelBase: try fields.optionalInt("dim_model_base"))
  }

  private func ropeScaling(_ node: Node, _ context: String) throws(CatalogError) -> RopeScaling {
    let fields = try reader.fields(node, "\(context).rope_scaling", allowed: Self.ropeKeys)
    return RopeScaling(
      kind: try fields.choice("type", RopeScaling.Kind.self), factor: try fields.optionalNumber("factor"),
      originalMaxPositionEmbeddings: try fields.optionalInt("original_max_position_embeddings"),
      lowFreqFactor: try fields.optionalNumber("low_freq_factor"),
      highFreqFactor: try fields.optionalNumber("high_freq_factor"), betaFast: try fields.optionalNumber("beta_fast"),
      betaSlow: try fields.optionalNumber("beta_slow"), mscale: try fields.optionalNumber("mscale"),
      mscaleAllDim: try fields.optionalNumber("mscale_all_dim"), longFactor: try fields.numbers("long_factor"),
      shortFactor: try fields.numbers("short_factor"))
  }

  private func slidingWindow(_ node: Node, _ context: String) throws(CatalogError) -> SlidingWindow {
    let fields = try reader.fields(node, "\(context).sliding_window", allowed: ["size", "global_every"])
    return SlidingWindow(
      size: try fields.int("size", minimum: Int.min),
      globalEvery: try fields.optionalInt("global_every", minimum: Int.min))
  }

  private func moe(_ fields: Fields) throws(CatalogError) -> MoEConfig {
    MoEConfig(
      numExperts: try fields.int("num_experts"), numExpertsPerTok: try fields.int("num_experts_per_tok"),
      nGroup: try fields.optionalInt("n_group") ?? 1, topkGroup: try fields.optionalInt("topk_group") ?? 1,
      scoringFunc: try fields["scoring_func"] == nil
        ? .softmax : fields.choice("scoring_func", MoEConfig.ScoringFunction.self),
      hasScoreCorrectionBias: try fields.bool("e_score_correction_bias", default: false),
      normTopkProb: try reader.bool(fields.required("norm_topk_prob"), "norm_topk_prob"),
      routedScalingFactor: try fields.optionalNumber("routed_scaling_factor") ?? 1,
      nSharedExperts: try fields.optionalInt("n_shared_experts", minimum: 0) ?? 0,
      moeIntermediateSize: try fields.int("moe_intermediate_size"),
      sharedExpertIntermediateSize: try fields.optionalInt("shared_expert_intermediate_size", minimum: 0),
      hasSharedExpertGate: try fields.bool("shared_expert_gate", default: false),
      firstKDenseReplace: try fields.optionalInt("first_k_dense_replace", minimum: 0) ?? 0,
      decoderSparseStep: try fields.optionalInt("decoder_sparse_step") ?? 1,
      mlpOnlyLayers: try fields.ints("mlp_only_layers") ?? [])
  }

  private func mla(_ fields: Fields) throws(CatalogError) -> MLAConfig {
    MLAConfig(
      qLoraRank: try fields.optionalInt("q_lora_rank"), kvLoraRank: try fields.int("kv_lora_rank"),
      qkNopeHeadDim: try fields.int("qk_nope_head_dim"), qkRopeHeadDim: try fields.int("qk_rope_head_dim"),
      vHeadDim: try fields.int("v_head_dim"))
  }

  private func vision(_ fields: Fields) throws(CatalogError) -> VisionConfig {
    VisionConfig(
      depth: try fields.int("depth"), hiddenSize: try fields.int("hidden_size"), numHeads: try fields.int("num_heads"),
      intermediateSize: try fields.int("intermediate_size"), patchSize: try fields.int("patch_size"),
      spatialMergeSize: try fields.optionalInt("spatial_merge_size") ?? 1,
      temporalPatchSize: try fields.optionalInt("temporal_patch_size"),
      outHiddenSize: try fields.optionalInt("out_hidden_size"), hiddenAct: try fields.optionalString("hidden_act"),
      windowSize: try fields.optionalInt("window_size"),
      fullattBlockIndexes: try fields.ints("fullatt_block_indexes") ?? [],
      deepstackVisualIndexes: try fields.ints("deepstack_visual_indexes") ?? [])
  }
}
