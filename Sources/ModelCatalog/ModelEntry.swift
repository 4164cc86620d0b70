import APIModel

/// How vLLM-MindSpore serves an architecture.
public enum ServingBackend: String, Sendable, Hashable, Codable, CaseIterable {
  /// Registered by vLLM-MindSpore itself (its native model registry).
  case native
  /// Served through the MindSpore Transformers (`mindformers`) backend.
  case mindformers
  /// Upstream vLLM's own implementation.
  case vllm
}

/// What a served model computes.
public enum ModelTask: String, Sendable, Hashable, Codable, CaseIterable {
  /// Text generation.
  case generate
  /// Embedding: pooled hidden states.
  case embed
  /// Cross-encoding or reranking: one score per query/document pair.
  case score
}

/// One catalogue entry: an architecture, its canonical checkpoint's computation-shaping facts,
/// and where those facts come from.
public struct ModelEntry: Sendable, Hashable {
  /// vLLM's architecture name, e.g. `Qwen3ForCausalLM`; the YAML key.
  public var architecture: String
  /// The model family, e.g. `qwen3`.
  public var family: String
  /// Hugging Face checkpoint names; the first is canonical (the one the facts describe).
  public var checkpoints: [String]
  /// How vLLM-MindSpore serves the architecture.
  public var backend: ServingBackend
  /// What the served model computes; `embed` and `score` models pool.
  public var task: ModelTask
  /// At least two URLs: the publisher's `config.json` plus a card, paper or second config.
  public var sources: [String]
  /// Facts that could not be confirmed, and other caveats.
  public var notes: String?
  /// Decoder facts from `config.json`, with implicit values filled in.
  public var config: ModelConfig
  /// Expert routing, for mixture-of-experts models.
  public var moe: MoEConfig?
  /// Latent attention ranks, for DeepSeek-style models.
  public var mla: MLAConfig?
  /// Multi-token-prediction layers (`num_nextn_predict_layers`); 0 when absent.
  public var mtpLayers: Int
  /// The vision encoder, for vision-language models.
  public var vision: VisionConfig?
  /// Where the entry starts in the catalogue file.
  public var location: SourceLocation
  /// Where each fact was written, by dotted key (`config.head_dim`, `moe.n_group`), for errors.
  var keyLocations: [String: SourceLocation] = [:]

  /// The canonical checkpoint, whose `config.json` the facts come from (never `nil` once loaded).
  public var canonicalCheckpoint: String? { checkpoints.first }

  /// Number of rotated dimensions per query/key head: `qk_rope_head_dim` for MLA models,
  /// `config.rotaryDim` otherwise.
  public var rotaryDim: Int { mla?.qkRopeHeadDim ?? config.rotaryDim }

  public init(
    architecture: String, family: String, checkpoints: [String], backend: ServingBackend, task: ModelTask,
    sources: [String], notes: String?, config: ModelConfig, moe: MoEConfig?, mla: MLAConfig?, mtpLayers: Int,
    vision: VisionConfig?, location: SourceLocation
  ) {
    self.architecture = architecture
    self.family = family
    self.checkpoints = checkpoints
    self.backend = backend
    self.task = task
    self.sources = sources
    self.notes = notes
    self.config = config
    self.moe = moe
    self.mla = mla
    self.mtpLayers = mtpLayers
    self.vision = vision
    self.location = location
  }
}
