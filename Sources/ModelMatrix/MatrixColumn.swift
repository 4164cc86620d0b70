import ModelCatalog

/// A feature column of the support matrix: an interface the model class implements, or a
/// catalogue feature whose config fields the model module must read.
public struct MatrixColumn: Hashable, Sendable {
  /// What makes a model's cell in this column applicable and supported.
  public enum Kind: String, Sendable, Codable {
    /// The model itself: registered on both sides.
    case model
    /// Interfaces (bases) or class flags.
    case interface
    /// Config fields read by the model's module.
    case config
  }

  /// Column id, used in JSON, evidence mappings and `--feature`.
  public var id: String
  /// Column heading.
  public var title: String
  public var kind: Kind
  /// Interface class names or class flags that mean the model has the feature.
  public var interfaces: [String] = []
  /// Config fields whose reads implement the feature.
  public var fields: [String] = []
  /// Catalogue features that make the column apply to a model.
  public var features: [ModelFeature] = []

  /// The column with this id, or nil.
  public static func named(_ id: String) -> MatrixColumn? { all.first { $0.id == id } }

  /// Every column, in display order.
  public static let all: [MatrixColumn] = [
    MatrixColumn(id: "model", title: "Model", kind: .model),
    MatrixColumn(id: "pp", title: "PP", kind: .interface, interfaces: ["SupportsPP", "supports_pp"]),
    MatrixColumn(id: "lora", title: "LoRA", kind: .interface, interfaces: ["SupportsLoRA", "supports_lora"]),
    MatrixColumn(
      id: "multimodal", title: "Multimodal", kind: .interface,
      interfaces: ["SupportsMultiModal", "supports_multimodal"]),
    MatrixColumn(id: "quant", title: "Quant", kind: .interface, interfaces: ["SupportsQuant", "supports_quant"]),
    MatrixColumn(id: "eplb", title: "MoE EPLB", kind: .interface, interfaces: ["MixtureOfExperts"]),
    MatrixColumn(
      id: "spec-decode", title: "Eagle3/MTP", kind: .interface,
      interfaces: ["SupportsEagle3", "supports_eagle3", "SupportsMTP"]),
    MatrixColumn(
      id: "pooling", title: "Pooling", kind: .interface,
      interfaces: ["VllmModelForPooling", "SupportsCrossEncoding", "is_pooling_model", "supports_cross_encoding"]),
    MatrixColumn(id: "gqa", title: "GQA/MQA", kind: .config, fields: ["num_key_value_heads"], features: [.gqa, .mqa]),
    MatrixColumn(
      id: "mla", title: "MLA", kind: .config,
      fields: ["kv_lora_rank", "q_lora_rank", "qk_rope_head_dim", "qk_nope_head_dim", "v_head_dim"], features: [.mla]),
    MatrixColumn(
      id: "rope-scaling", title: "RoPE scaling", kind: .config, fields: ["rope_scaling", "rope_parameters"],
      features: [.ropeYarn, .ropeLlama3, .ropeLinear, .ropeDynamic, .ropeLongrope]),
    MatrixColumn(
      id: "mrope", title: "M-RoPE", kind: .config, fields: ["rope_scaling", "rope_parameters"], features: [.mrope]),
    MatrixColumn(
      id: "partial-rotary", title: "Partial rotary", kind: .config, fields: ["partial_rotary_factor"],
      features: [.partialRotary]),
    MatrixColumn(
      id: "sliding-window", title: "Sliding window", kind: .config,
      fields: ["sliding_window", "use_sliding_window", "max_window_layers", "layer_types", "sliding_window_pattern"],
      features: [.slidingWindow]),
    MatrixColumn(
      id: "softcap", title: "Softcap", kind: .config,
      fields: ["final_logit_softcapping", "attn_logit_softcapping"], features: [.softcap]),
    MatrixColumn(
      id: "moe", title: "MoE", kind: .config,
      fields: ["num_experts", "n_routed_experts", "num_local_experts", "num_experts_per_tok", "moe_intermediate_size",
               "norm_topk_prob"],
      features: [.moe]),
    MatrixColumn(
      id: "grouped-topk", title: "Grouped top-k", kind: .config,
      fields: ["n_group", "topk_group", "topk_method", "scoring_func"], features: [.moeGroupedTopk]),
    MatrixColumn(
      id: "shared-experts", title: "Shared experts", kind: .config,
      fields: ["n_shared_experts", "shared_expert_intermediate_size"], features: [.sharedExperts]),
    MatrixColumn(
      id: "mtp", title: "MTP layers", kind: .config, fields: ["num_nextn_predict_layers"], features: [.mtp]),
    MatrixColumn(id: "vision", title: "Vision", kind: .config, fields: ["vision_config"], features: [.vision]),
    MatrixColumn(
      id: "tied-embeddings", title: "Tied embeddings", kind: .config, fields: ["tie_word_embeddings"],
      features: [.tiedEmbeddings]),
    MatrixColumn(
      id: "attention-bias", title: "Attention bias", kind: .config, fields: ["attention_bias", "qkv_bias"],
      features: [.attentionBias]),
  ]

  /// Every interface name or flag any column looks for.
  static let knownInterfaceNames: Set<String> = Set(all.flatMap(\.interfaces).filter { $0.first?.isUppercase == true })
  /// Every class flag any column looks for.
  static let knownFlags: [String] = all.flatMap(\.interfaces).filter { $0.first?.isLowercase == true }
}
