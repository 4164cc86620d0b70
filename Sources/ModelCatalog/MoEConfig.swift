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
    moeIntermediateSize: Int, sharedExpertIntermediateSize: Int?, hasSharedExpertGate: Bool = false,
    firstKDenseReplace: Int,
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
