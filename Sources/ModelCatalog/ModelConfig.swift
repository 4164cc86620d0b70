/// The facts of a checkpoint's `config.json` that shape the decoder's computation.
///
/// Values the file leaves implicit are filled in by the loader: `headDim` defaults to
/// `hiddenSize / numAttentionHeads` (for MLA models, `qk_nope_head_dim + qk_rope_head_dim`) and
/// `numKeyValueHeads` to `numAttentionHeads`.
public struct ModelConfig: Sendable, Hashable {
  public var hiddenSize: Int
  public var numHiddenLayers: Int
  public var numAttentionHeads: Int
  public var numKeyValueHeads: Int
  /// Per-head dimension of queries and keys; explicit in the file or derived.
  public var headDim: Int
  /// Whether `head_dim` was written in the file rather than derived.
  public var isHeadDimExplicit: Bool
  /// Dense MLP width.
  public var intermediateSize: Int
  public var vocabSize: Int
  public var maxPositionEmbeddings: Int?
  public var norm: Normalization
  /// Activation of the MLP, e.g. `silu`, `gelu_pytorch_tanh`.
  public var hiddenAct: String
  /// Base frequency of the rotary embedding.
  public var ropeTheta: Double
  /// Base frequency of the rotary embedding on sliding-window layers when it differs (Gemma 3).
  public var ropeLocalTheta: Double?
  /// Rotary scaling; `nil` means the plain (`default`) rotary embedding.
  public var ropeScaling: RopeScaling?
  /// Fraction of the head dimension that is rotated, in (0, 1]; 1 when absent.
  public var partialRotaryFactor: Double
  /// Multimodal rotary sections (temporal, height, width); they sum to `rotaryDim / 2`.
  public var mropeSection: [Int]?
  /// Whether the multimodal rotary sections are interleaved rather than contiguous (Qwen3-VL).
  public var isMropeInterleaved: Bool
  /// Whether the rotary embedding pairs adjacent dimensions (GPT-J style, vLLM's
  /// `is_neox_style=False`) rather than the two halves of the rotated part (NeoX style).
  public var isRopeInterleaved: Bool
  /// Whether queries and keys are RMS-normalised per head before the rotary embedding.
  public var hasQKNorm: Bool
  public var slidingWindow: SlidingWindow?
  /// Whether the q/k/v projections carry a bias.
  public var hasAttentionBias: Bool
  /// Whether the output projection carries a bias (TeleChat2).
  public var hasAttentionOutputBias: Bool
  /// Whether the attention and MLP outputs are RMS-normalised again before each residual add
  /// (Gemma 2/3, GLM-4: four norms per layer).
  public var hasPostNorms: Bool
  /// Whether RMSNorm scales by `1 + weight` instead of `weight` (Gemma).
  public var isNormUnitOffset: Bool
  /// Whether token embeddings are multiplied by `sqrt(hidden_size)` (Gemma).
  public var scalesEmbeddingsBySqrtHidden: Bool
  public var tieWordEmbeddings: Bool
  public var attnLogitSoftcapping: Double?
  public var finalLogitSoftcapping: Double?
  /// Scale of the attention scores is `queryPreAttnScalar^-0.5` instead of `headDim^-0.5` (Gemma).
  public var queryPreAttnScalar: Double?
  /// MiniCPM's embedding multiplier (`scale_emb`).
  public var scaleEmb: Double?
  /// MiniCPM's residual scale `scale_depth / sqrt(num_hidden_layers)`.
  public var scaleDepth: Double?
  /// MiniCPM's logit divisor base: logits are scaled by `dim_model_base / hidden_size`.
  public var dimModelBase: Int?

  /// Number of rotated dimensions per head, `headDim × partialRotaryFactor` (the factor clamped to
  /// [0, 1]). MLA models rotate `qk_rope_head_dim` instead: see `ModelEntry.rotaryDim`.
  public var rotaryDim: Int { Int((Double(headDim) * min(max(partialRotaryFactor, 0), 1)).rounded()) }

  public init(
    hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int, numKeyValueHeads: Int, headDim: Int,
    isHeadDimExplicit: Bool, intermediateSize: Int, vocabSize: Int, maxPositionEmbeddings: Int?,
    norm: Normalization, hiddenAct: String, ropeTheta: Double, ropeLocalTheta: Double?, ropeScaling: RopeScaling?,
    partialRotaryFactor: Double, mropeSection: [Int]?, isMropeInterleaved: Bool, isRopeInterleaved: Bool = false,
    hasQKNorm: Bool, slidingWindow: SlidingWindow?, hasAttentionBias: Bool, hasAttentionOutputBias: Bool,
    hasPostNorms: Bool = false, isNormUnitOffset: Bool = false, scalesEmbeddingsBySqrtHidden: Bool = false,
    tieWordEmbeddings: Bool,
    attnLogitSoftcapping: Double?, finalLogitSoftcapping: Double?, queryPreAttnScalar: Double?,
    scaleEmb: Double?, scaleDepth: Double?, dimModelBase: Int?
  ) {
    self.hiddenSize = hiddenSize
    self.numHiddenLayers = numHiddenLayers
    self.numAttentionHeads = numAttentionHeads
    self.numKeyValueHeads = numKeyValueHeads
    self.headDim = headDim
    self.isHeadDimExplicit = isHeadDimExplicit
    self.intermediateSize = intermediateSize
    self.vocabSize = vocabSize
    self.maxPositionEmbeddings = maxPositionEmbeddings
    self.norm = norm
    self.hiddenAct = hiddenAct
    self.ropeTheta = ropeTheta
    self.ropeLocalTheta = ropeLocalTheta
    self.ropeScaling = ropeScaling
    self.partialRotaryFactor = partialRotaryFactor
    self.mropeSection = mropeSection
    self.isMropeInterleaved = isMropeInterleaved
    self.isRopeInterleaved = isRopeInterleaved
    self.hasQKNorm = hasQKNorm
    self.slidingWindow = slidingWindow
    self.hasAttentionBias = hasAttentionBias
    self.hasAttentionOutputBias = hasAttentionOutputBias
    self.hasPostNorms = hasPostNorms
    self.isNormUnitOffset = isNormUnitOffset
    self.scalesEmbeddingsBySqrtHidden = scalesEmbeddingsBySqrtHidden
    self.tieWordEmbeddings = tieWordEmbeddings
    self.attnLogitSoftcapping = attnLogitSoftcapping
    self.finalLogitSoftcapping = finalLogitSoftcapping
    self.queryPreAttnScalar = queryPreAttnScalar
    self.scaleEmb = scaleEmb
    self.scaleDepth = scaleDepth
    self.dimModelBase = dimModelBase
  }
}
