/// Mixture-of-experts routing and expert sizes.
public struct MoEConfig: Sendable, Hashable {
  /// How router logits become expert weights.
  public enum ScoringFunction: String, Sendable, Hashable, CaseIterable { case softmax, sigmoid }

  /// Routed experts (`n_routed_experts`, `num_experts` or `num_local_experts`).
  public var numExperts: Int
  public var numExpertsPerTok: Int
  /// Expert groups for grouped top-k routing; 1 means ungrouped.
  public var nGroup: Int
  /// Groups kept per token; ≤ `nGroup`.
  public var topkGroup: Int
  public var scoringFunc: ScoringFunction
  /// Whether the router adds a learned `e_score_correction_bias` before choosing experts.
  public var hasScoreCorrectionBias: Bool
  /// Whether the chosen experts' weights are renormalised to sum to 1.
  public var normTopkProb: Bool
  public var routedScalingFactor: Double
  /// Always-on shared experts; 0 when none.
  public var nSharedExperts: Int
  /// Width of one routed expert.
  public var moeIntermediateSize: Int
  /// Width of the shared expert block when given as one size (Qwen2-MoE style).
  public var sharedExpertIntermediateSize: Int?
  /// Whether the shared experts' output is scaled by `sigmoid(gate(x))` (Qwen2-MoE).
  public var hasSharedExpertGate: Bool
  /// The first `firstKDenseReplace` layers use the dense MLP.
  public var firstKDenseReplace: Int
  /// Every `decoderSparseStep`-th layer is sparse (1: all).
  public var decoderSparseStep: Int
  /// Layers (0-based) that use the dense MLP regardless of the rules above.
  public var mlpOnlyLayers: [Int]

  public init(
    numExperts: Int, numExpertsPerTok: Int, nGroup: Int, topkGroup: Int, scoringFunc: ScoringFunction,
    hasScoreCorrectionBias: Bool, normTopkProb: Bool, routedScalingFactor: Double, nSharedExperts: Int,
    moeIntermediateSize: Int, sharedExpertIntermediateSize: Int?, hasSharedExpertGate: Bool, firstKDenseReplace: Int,
    decoderSparseStep: Int, mlpOnlyLayers: [Int]
  ) {
    self.numExperts = numExperts
    self.numExpertsPerTok = numExpertsPerTok
    self.nGroup = nGroup
    self.topkGroup = topkGroup
    self.scoringFunc = scoringFunc
    self.hasScoreCorrectionBias = hasScoreCorrectionBias
    self.normTopkProb = normTopkProb
    self.routedScalingFactor = routedScalingFactor
    self.nSharedExperts = nSharedExperts
    self.moeIntermediateSize = moeIntermediateSize
    self.sharedExpertIntermediateSize = sharedExpertIntermediateSize
    self.hasSharedExpertGate = hasSharedExpertGate
    self.firstKDenseReplace = firstKDenseReplace
    self.decoderSparseStep = decoderSparseStep
    self.mlpOnlyLayers = mlpOnlyLayers
  }

  /// Whether the 0-based decoder layer `layer` uses experts rather than the dense MLP.
  public func isSparse(layer: Int) -> Bool {
    layer >= firstKDenseReplace && !mlpOnlyLayers.contains(layer) && (layer + 1) % decoderSparseStep == 0
  }
}

/// Multi-head latent attention (DeepSeek-V2/V3) projection ranks and head dimensions.
public struct MLAConfig: Sendable, Hashable {
  /// Rank of the query down-projection; `nil` when queries are projected directly (V2-Lite).
  public var qLoraRank: Int?
  public var kvLoraRank: Int
  public var qkNopeHeadDim: Int
  public var qkRopeHeadDim: Int
  public var vHeadDim: Int

  /// Query/key head dimension: the un-rotated part plus the rotated part.
  public var qkHeadDim: Int { qkNopeHeadDim + qkRopeHeadDim }

  public init(qLoraRank: Int?, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int) {
    self.qLoraRank = qLoraRank
    self.kvLoraRank = kvLoraRank
    self.qkNopeHeadDim = qkNopeHeadDim
    self.qkRopeHeadDim = qkRopeHeadDim
    self.vHeadDim = vHeadDim
  }
}

/// The vision encoder of a vision-language model.
public struct VisionConfig: Sendable, Hashable {
  public var depth: Int
  public var hiddenSize: Int
  public var numHeads: Int
  public var intermediateSize: Int
  public var patchSize: Int
  /// Spatial patches merged into one language token per side (2 → 2×2); 1 when absent.
  public var spatialMergeSize: Int
  public var temporalPatchSize: Int?
  /// Width handed to the language model after merging.
  public var outHiddenSize: Int?
  public var hiddenAct: String?
  /// Window-attention size in pixels (Qwen2.5-VL).
  public var windowSize: Int?
  /// Blocks that attend over the whole image when the others use windows.
  public var fullattBlockIndexes: [Int]
  /// Blocks whose features are injected into early decoder layers (Qwen3-VL).
  public var deepstackVisualIndexes: [Int]

  public init(
    depth: Int, hiddenSize: Int, numHeads: Int, intermediateSize: Int, patchSize: Int, spatialMergeSize: Int,
    temporalPatchSize: Int?, outHiddenSize: Int?, hiddenAct: String?, windowSize: Int?, fullattBlockIndexes: [Int],
    deepstackVisualIndexes: [Int]
  ) {
    self.depth = depth
    self.hiddenSize = hiddenSize
    self.numHeads = numHeads
    self.intermediateSize = intermediateSize
    self.patchSize = patchSize
    self.spatialMergeSize = spatialMergeSize
    self.temporalPatchSize = temporalPatchSize
    self.outHiddenSize = outHiddenSize
    self.hiddenAct = hiddenAct
    self.windowSize = windowSize
    self.fullattBlockIndexes = fullattBlockIndexes
    self.deepstackVisualIndexes = deepstackVisualIndexes
  }
}
