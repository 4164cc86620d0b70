import Foundation

extension Reference {
  /// The routing of each token: `topk` experts per row, best first.
  public struct Routing: Hashable, Sendable {
    /// `[num_tokens, topk]` float32 weights.
    public var weights: RefTensor
    /// `[num_tokens, topk]` expert ids.
    public var ids: [Int]
    /// `[num_tokens, topk]`: `k · num_tokens + token`, the row each (token, k) pair is
    /// dispatched to (vLLM's `token_expert_indices`).
    public var tokenExpertIndices: [Int]
  }

  /// `topk_softmax(topk_weights, topk_ids, token_expert_indices, gating_output[,
  /// renormalize])`: float32 softmax over experts, top `topk` (ties to the lower id), and,
  /// when `renormalize`, weights divided by their sum (before v0.11.1 `fused_topk` does this
  /// after the kernel).
  public static func topkSoftmax(gating: RefTensor, topk: Int, renormalize: Bool) -> Routing {
    let (tokens, experts) = (gating.rows, gating.lastDim)
    var routing = Routing(weights: .zeros([tokens, topk]), ids: [], tokenExpertIndices: [])
    routing.ids.reserveCapacity(tokens * topk)
    for t in 0..<tokens {
      let probs = softmax(Array(gating.values[t * experts..<(t + 1) * experts]))
      let chosen = topIndices(probs, k: topk)
      let total = chosen.reduce(Float(0)) { $0 + probs[$1] }
      for (k, e) in chosen.enumerated() {
        routing.weights.values[t * topk + k] = renormalize ? probs[e] / total : probs[e]
        routing.ids.append(e)
      }
    }
    routing.tokenExpertIndices = (0..<tokens * topk).map { ($0 % topk) * tokens + $0 / topk }
    return routing
  }

  /// How `grouped_topk` scores experts.
  public enum Scoring: String, Sendable, CaseIterable {
    case softmax
    case sigmoid
  }

  /// `fused_moe.grouped_topk(hidden_states, gating_output, topk, renormalize,
  /// num_expert_group, topk_group, scoring_func, routed_scaling_factor,
  /// e_score_correction_bias)` (DeepSeek-V2/V3 routing).
  ///
  /// Scores are rounded to `dtype` (the op runs in the gating dtype); with a bias, groups rank
  /// by the sum of their two best biased scores and experts by biased score while weights
  /// come from unbiased scores; without, groups rank by their best score. Weights are
  /// renormalised and scaled by `routed_scaling_factor` (from v0.10.2) in `dtype`, returned
  /// as float32. `tokenExpertIndices` is empty.
  public static func groupedTopk(
    gating: RefTensor, topk: Int, renormalize: Bool, numExpertGroup: Int, topkGroup: Int,
    scoring: Scoring, routedScalingFactor: Float, bias: [Float]?, dtype: FloatType
  ) -> Routing {
    let (tokens, experts) = (gating.rows, gating.lastDim)
    let perGroup = experts / numExpertGroup
    var routing = Routing(weights: .zeros([tokens, topk]), ids: [], tokenExpertIndices: [])
    for t in 0..<tokens {
      let row = Array(gating.values[t * experts..<(t + 1) * experts])
      let scores = dtype.round(scoring == .softmax ? softmax(row) : row.map { 1 / (1 + expf(-$0)) })
      let choice = bias.map { b in scores.indices.map { scores[$0] + b[$0] } } ?? scores
      let groupScores = (0..<numExpertGroup).map { g -> Float in
        let members = Array(choice[g * perGroup..<(g + 1) * perGroup])
        return bias == nil ? (members.max() ?? 0) : topIndices(members, k: 2).reduce(0) { $0 + members[$1] }
      }
      let keptGroups = Set(topIndices(groupScores, k: topkGroup))
      let masked = choice.indices.map { keptGroups.contains($0 / perGroup) ? choice[$0] : -Float.infinity }
      let chosen = topIndices(masked, k: topk)
      var weights = chosen.map { scores[$0] }
      if renormalize {
        let total = dtype.round(weights.reduce(0, +))
        weights = weights.map { dtype.round($0 / total) }
      }
      if routedScalingFactor != 1 {
        weights = weights.map { dtype.round($0 * routedScalingFactor) }
      }
      for k in 0..<topk { routing.weights.values[t * topk + k] = weights[k] }
      routing.ids += chosen
    }
    return routing
  }

  /// Indices of the `k` largest values, largest first; ties go to the lower index.
  static func topIndices(_ values: [Float], k: Int) -> [Int] {
    Array(values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }.prefix(k))
  }
}
