import Foundation
import ModelCatalog
import OpReference

/// A catalogue model scaled down for numeric parity (the rule is in `docs/models.md`,
/// "Scaling for numeric parity"): head_dim, the GQA/MQA structure, the rotary variant, routing
/// and MLA structure are kept; widths, depths, expert counts and the vocabulary shrink.
struct ScaledModel: Sendable {
  /// One decoder layer: whether it routes through experts and whether it slides.
  struct Layer: Sendable, Hashable {
    var isSparse: Bool
    var isSliding: Bool
  }

  /// Expert routing after scaling.
  struct Routing: Sendable, Hashable {
    var experts, topk, groups, topkGroup, intermediate, sharedIntermediate: Int
    var scoring: Reference.Scoring
    var hasBias, renormalize, hasSharedGate: Bool
    var scalingFactor: Float
    /// The factor the MoE block applies to the routed experts' sum itself: the routed scaling
    /// factor for revisions whose `grouped_topk` does not take it (before v0.10.2), else 1.
    var outputScale: Float = 1
    /// Whether vLLM routes through `grouped_topk` (DeepSeek-style MoE, even with one group, and
    /// any grouped, sigmoid or biased routing) rather than `fused_topk`.
    var isGrouped: Bool
  }

  /// Latent attention after scaling.
  struct Latent: Sendable, Hashable {
    var qLoraRank: Int?
    var kvLoraRank, nopeDim, ropeDim, vDim: Int
  }

  let architecture: String
  let hidden, heads, kvHeads, headDim, intermediate, vocab: Int
  let epsilon: Float
  let isNormUnitOffset, hasPostNorms, hasQKNorm, hasAttentionBias, hasOutputBias, isTied: Bool
  let activation: Reference.GatedActivation
  let rope: RopeSpec
  let window: Int?
  let attentionSoftcap, finalSoftcap: Float?
  let attentionScale: Float
  let embeddingScale: Float
  let residualScale: Float
  let logitScale: Float
  let layers: [Layer]
  var routing: Routing?
  let latent: Latent?
  let hasMTP: Bool
  let isInt8: Bool
  /// The vision tower's attention block: heads (at most 4) and their width (kept).
  let vision: (heads: Int, headDim: Int)?

  /// The model's catalogue features this scaled model exercises, plus `int8`.
  let features: [String]

  static let hiddenSize = 256
  static let denseIntermediate = 512
  static let expertIntermediate = 128
  static let maxExperts = 16
  static let maxVocab = 512
  static let maxWindow = 8
  static let latentRank = 64

  init(_ entry: ModelEntry, int8: Bool) {
    let c = entry.config
    architecture = entry.architecture
    let ratio = max(1, c.numAttentionHeads / max(1, c.numKeyValueHeads))
    if entry.mla != nil {
      (heads, kvHeads) = (4, 4)
    } else if c.numKeyValueHeads == 1 {
      (heads, kvHeads) = (min(c.numAttentionHeads, 4), 1)
    } else if c.numKeyValueHeads < c.numAttentionHeads {
      (heads, kvHeads) = (2 * ratio, 2)
    } else {
      (heads, kvHeads) = (4, 4)
    }
    hidden = Self.hiddenSize
    headDim = c.headDim
    intermediate = Self.denseIntermediate
    vocab = min(c.vocabSize, Self.maxVocab)
    epsilon = Float(c.norm.epsilon)
    isNormUnitOffset = c.isNormUnitOffset
    hasPostNorms = c.hasPostNorms
    hasQKNorm = c.hasQKNorm
    hasAttentionBias = c.hasAttentionBias
    hasOutputBias = c.hasAttentionOutputBias
    isTied = c.tieWordEmbeddings
    activation = c.hiddenAct.hasPrefix("gelu") ? (c.hiddenAct.contains("tanh") ? .geluTanh : .gelu) : .silu
    rope = RopeSpec(entry)
    window = c.slidingWindow.map { min($0.size, Self.maxWindow) }
    attentionSoftcap = c.attnLogitSoftcapping.map(Float.init)
    finalSoftcap = c.finalLogitSoftcapping.map(Float.init)
    embeddingScale = c.scalesEmbeddingsBySqrtHidden ? Float(Self.hiddenSize).squareRoot() : Float(c.scaleEmb ?? 1)
    residualScale = c.scaleDepth.map { Float($0 / Double(c.numHiddenLayers).squareRoot()) } ?? 1
    logitScale = c.dimModelBase.map { Float($0) / Float(c.hiddenSize) } ?? 1

    if let mla = entry.mla {
      let r = Self.latentRank
      latent = Latent(
        qLoraRank: mla.qLoraRank == nil ? nil : r, kvLoraRank: r, nopeDim: mla.qkNopeHeadDim, ropeDim: mla.qkRopeHeadDim,
        vDim: mla.vHeadDim)
      attentionScale = powf(Float(mla.qkHeadDim), -0.5) * rope.attentionFactor * rope.attentionFactor
    } else {
      latent = nil
      attentionScale = powf(Float(c.queryPreAttnScalar ?? Double(c.headDim)), -0.5)
    }

    if let moe = entry.moe {
      let groups = moe.nGroup
      let perGroup = max(2, Self.maxExperts / max(1, groups))
      let experts = min(moe.numExperts, groups > 1 ? groups * perGroup : Self.maxExperts)
      let sharedWidth = moe.nSharedExperts > 0 || (moe.sharedExpertIntermediateSize ?? 0) > 0
        ? Self.expertIntermediate * max(1, moe.nSharedExperts) : 0
      routing = Routing(
        experts: experts, topk: moe.numExpertsPerTok, groups: groups, topkGroup: moe.topkGroup,
        intermediate: Self.expertIntermediate, sharedIntermediate: sharedWidth,
        scoring: moe.scoringFunc == .sigmoid ? .sigmoid : .softmax, hasBias: moe.hasScoreCorrectionBias,
        renormalize: moe.normTopkProb, hasSharedGate: moe.hasSharedExpertGate,
        scalingFactor: Float(moe.routedScalingFactor),
        isGrouped: entry.mla != nil || groups > 1 || moe.scoringFunc == .sigmoid || moe.hasScoreCorrectionBias)
      layers = moe.firstKDenseReplace > 0
        ? [Layer(isSparse: false, isSliding: false), Layer(isSparse: true, isSliding: false)]
        : [Layer(isSparse: true, isSliding: false), Layer(isSparse: true, isSliding: false)]
    } else {
      routing = nil
      if let sliding = c.slidingWindow, sliding.globalEvery != nil {
        layers = [Layer(isSparse: false, isSliding: true), Layer(isSparse: false, isSliding: false)]
      } else {
        let slides = c.slidingWindow != nil
        layers = [Layer(isSparse: false, isSliding: slides), Layer(isSparse: false, isSliding: slides)]
      }
    }
    hasMTP = entry.mtpLayers > 0
    isInt8 = int8
    vision = entry.vision.map { (min($0.numHeads, 4), $0.hiddenSize / max(1, $0.numHeads)) }

    var features: [String] = []
    features.append(latent != nil ? "mla" : kvHeads == 1 ? "mqa" : kvHeads < heads ? "gqa" : "mha")
    features.append(rope.kind.feature)
    if rope.rotaryDim < (latent?.ropeDim ?? headDim) { features.append("partial-rotary") }
    if hasQKNorm { features.append("qk-norm") }
    if window != nil { features.append("sliding-window") }
    if attentionSoftcap != nil || finalSoftcap != nil { features.append("softcap") }
    if let routing {
      features.append("moe-\(routing.scoring.rawValue)")
      if routing.groups > 1 { features.append("moe-grouped-topk") }
      if routing.sharedIntermediate > 0 { features.append("shared-experts") }
    }
    if hasMTP { features.append("mtp") }
    if vision != nil { features.append("vision") }
    if isInt8 { features.append("int8") }
    self.features = features
  }

  /// The scaled model as `revision` runs it: before v0.10.2 `grouped_topk` takes no
  /// `routed_scaling_factor`, so the MoE block scales its output instead.
  init(_ entry: ModelEntry, int8: Bool, revision: String) {
    self.init(entry, int8: int8)
    let scalesInRouter = UpstreamRevision(revision).map { OpContracts(revision: $0).groupedTopkTakesRoutedScalingFactor } ?? true
    if !scalesInRouter, let factor = routing?.scalingFactor {
      routing?.scalingFactor = 1
      routing?.outputScale = factor
    }
  }

  /// The width of the query projection's output per head.
  var queryHeadDim: Int { latent.map { $0.nopeDim + $0.ropeDim } ?? headDim }
}
