extension MS {
  /// Softmax over experts, then the top `k` (`mindspore.ops.moe_gating_top_k_softmax`, after
  /// Ascend's `MoeGatingTopKSoftmax`): `row_idx[i, j] = j * rows + i`; rows marked `finished`
  /// get expert id `num_experts`. With `renormalize` the kept weights are divided by their sum
  /// (vLLM's `renormalize=True`).
  /// See https://www.hiascend.com/document/detail/zh/canncommercial/800/apiref/aolapi/context/aclnnMoeGatingTopKSoftmax.md
  /// - Parameters:
  ///   - x: Router logits `[rows, experts]` (or `[..., experts]`).
  ///   - finished: Optional boolean `[rows]`.
  ///   - k: Experts per row.
  ///   - renormalize: Whether to renormalise the kept weights.
  /// - Returns: `(y, expert_idx, row_idx)`: weights in `x`'s dtype, ids and rows in `int32`.
  /// - Throws: ``MSError`` when `k` is out of range or `finished` does not match.
  public static func moeGatingTopKSoftmax(
    _ x: Tensor, finished: Tensor? = nil, k: Int, renormalize: Bool = false
  ) throws(MSError) -> (Tensor, Tensor, Tensor) {
    let op = "moe_gating_top_k_softmax"
    guard x.rank >= 2 else { throw .shape(op, "x must be [rows, experts], got \(x.shape)") }
    let experts = x.shape[x.rank - 1], rows = x.count / Swift.max(experts, 1)
    guard k > 0, k <= experts else { throw .argument(op, "k = \(k) is out of range for \(experts) experts") }
    let done = finished?.toIntArray() ?? []
    if let finished, finished.count != rows { throw .shape(op, "finished \(finished.shape) must have \(rows) entries") }
    let probabilities = try softmax(x.cast(to: .float32)).toFloatArray()
    var weights = [Float](), ids = [Int](), rowIds = [Int]()
    for row in 0..<rows {
      let picks = topIndices(probabilities, base: row * experts, count: experts, k: k, largest: true)
      let total = picks.reduce(Float(0)) { $0 + probabilities[row * experts + $1] }
      for (j, expert) in picks.enumerated() {
        let p = probabilities[row * experts + expert]
        weights.append(renormalize ? p / total : p)
        ids.append(!done.isEmpty && done[row] != 0 ? experts : expert)
        rowIds.append(j * rows + row)
      }
    }
    let shape = Array(x.shape.dropLast()) + [k]
    return (
      try Tensor(shape: shape, dtype: x.dtype, values: weights), try Tensor(shape: shape, dtype: .int32, ints: ids),
      try Tensor(shape: shape, dtype: .int32, ints: rowIds)
    )
  }

  /// DeepSeek-V3 routing (vLLM's `grouped_topk` with `scoring_func="sigmoid"`): scores are
  /// `sigmoid(logits)`; biased scores add `e_score_correction_bias`; each of `groupCount`
  /// expert groups is scored by the sum of its two best biased scores; the best `topkGroup`
  /// groups are kept; the top `k` experts among them by biased score are chosen; their weights
  /// are the unbiased scores, renormalised to sum 1 when asked, times `routedScalingFactor`.
  /// Ties go to the lower index.
  /// - Parameters:
  ///   - logits: Router logits `[rows, experts]`.
  ///   - bias: `e_score_correction_bias`, `[experts]`.
  ///   - k: Experts per row.
  ///   - groupCount: Number of expert groups (divides `experts`).
  ///   - topkGroup: Groups kept per row.
  ///   - renormalize: Whether to renormalise the weights.
  ///   - routedScalingFactor: Final weight multiplier.
  /// - Returns: `(weights, ids)`: `float32` weights and `int32` expert ids, `[rows, k]`.
  /// - Throws: ``MSError`` on inconsistent sizes.
  public static func moeGatingGroupTopK(
    _ logits: Tensor, bias: Tensor, k: Int, groupCount: Int, topkGroup: Int, renormalize: Bool = true,
    routedScalingFactor: Float = 1
  ) throws(MSError) -> (Tensor, Tensor) {
    let op = "moe_gating_group_topk"
    guard logits.rank == 2 else { throw .shape(op, "logits must be [rows, experts], got \(logits.shape)") }
    let (rows, experts) = (logits.shape[0], logits.shape[1])
    guard bias.count == experts else { throw .shape(op, "bias \(bias.shape) must have \(experts) entries") }
    guard groupCount > 0, experts % groupCount == 0 else { throw .argument(op, "\(groupCount) groups do not divide \(experts) experts") }
    let perGroup = experts / groupCount
    guard perGroup >= 2 || perGroup == experts else { throw .argument(op, "groups need at least two experts") }
    guard topkGroup > 0, topkGroup <= groupCount, k > 0, k <= topkGroup * perGroup else {
      throw .argument(op, "k = \(k) with topk_group = \(topkGroup) does not fit \(groupCount) groups of \(perGroup)")
    }
    let scores = sigmoid(logits).cast(to: .float32).toFloatArray()
    let b = bias.toFloatArray()
    var weights = [Float](), ids = [Int]()
    for row in 0..<rows {
      let biased = (0..<experts).map { scores[row * experts + $0] + b[$0] }
      var groupScores = [Float]()
      for g in 0..<groupCount {
        let best = topIndices(biased, base: g * perGroup, count: perGroup, k: Swift.min(2, perGroup), largest: true)
        groupScores.append(best.reduce(Float(0)) { $0 + biased[g * perGroup + $1] })
      }
      let keptGroups = Set(topIndices(groupScores, base: 0, count: groupCount, k: topkGroup, largest: true))
      let masked = (0..<experts).map { keptGroups.contains($0 / perGroup) ? biased[$0] : -Float.infinity }
      let picks = topIndices(masked, base: 0, count: experts, k: k, largest: true)
      let chosen = picks.map { scores[row * experts + $0] }
      let total = chosen.reduce(0, +)
      for (expert, score) in zip(picks, chosen) {
        weights.append((renormalize ? score / total : score) * routedScalingFactor)
        ids.append(expert)
      }
    }
    return (try Tensor(shape: [rows, k], values: weights), try Tensor(shape: [rows, k], dtype: .int32, ints: ids))
  }

  /// Per-expert matrix products over rows sorted by expert (`mindspore.ops.grouped_matmul`
  /// with a single `x`, `split_item` 3 and `group_type` 0): rows
  /// `group_list[e-1]..<group_list[e]` of `x` are multiplied by `weight[e]`. Rows past the last
  /// group are zero.
  /// - Parameters:
  ///   - x: `[M, K]`.
  ///   - weight: `[E, K, N]` (or `[E, N, K]` with `transposeWeight`).
  ///   - groupList: `E` cumulative row counts (or plain counts when `cumulative` is false).
  ///   - bias: Optional `[E, N]`.
  ///   - transposeWeight: Whether `weight` is stored `[E, N, K]`.
  ///   - cumulative: Whether `groupList` holds cumulative counts.
  /// - Returns: `[M, N]` in the promoted dtype of `x` and `weight`.
  /// - Throws: ``MSError`` on mismatched shapes or a bad group list.
  public static func groupedMatmul(
    _ x: Tensor, weight: Tensor, groupList: [Int], bias: Tensor? = nil, transposeWeight: Bool = false,
    cumulative: Bool = true
  ) throws(MSError) -> Tensor {
    let op = "grouped_matmul"
    guard x.rank == 2, weight.rank == 3 else { throw .shape(op, "need x [M, K] and weight [E, K, N], got \(x.shape) and \(weight.shape)") }
    let experts = weight.shape[0], m = x.shape[0], k = x.shape[1]
    let w = transposeWeight ? try weight.transpose(1, 2) : weight
    let n = w.shape[2]
    guard w.shape[1] == k else { throw .shape(op, "x \(x.shape) and weight \(weight.shape) disagree on K") }
    guard groupList.count == experts else { throw .shape(op, "group_list has \(groupList.count) entries for \(experts) experts") }
    var ends = groupList
    if !cumulative {
      for e in ends.indices.dropFirst() {
        guard ends[e] >= 0, ends[e - 1] >= 0, ends[e] <= m, ends[e - 1] <= m else {
          throw .argument(op, "group_list \(groupList) is not a split of \(m) rows")
        }
        ends[e] += ends[e - 1]
      }
    }
    guard ends.allSatisfy({ $0 >= 0 }), zip(ends, ends.dropFirst()).allSatisfy({ $0 <= $1 }), (ends.last ?? 0) <= m else {
      throw .argument(op, "group_list \(groupList) is not a non-decreasing split of \(m) rows")
    }
    if let bias, bias.shape != [experts, n] { throw .shape(op, "bias \(bias.shape) must be [\(experts), \(n)]") }
    // Each expert's rows go straight into their place in one float32 result.
    let left = x.asFloat32().contiguous(), right = weight.asFloat32().contiguous()
    let biasValues = bias?.asFloat32().contiguous().toFloatArray()
    let pa = UnsafePointer(left.floatPointer + left.offset), pb = UnsafePointer(right.floatPointer + right.offset)
    let result = Tensor.make([m, n], dtype: .float32) { out in
      guard let c = out.baseAddress else { return }
      c.update(repeating: 0, count: out.count)
      for e in 0..<experts {
        let start = e == 0 ? 0 : ends[e - 1], rows = ends[e] - start
        if rows == 0 { continue }
        if let biasValues {
          for row in start..<ends[e] { for j in 0..<n { c[row * n + j] = biasValues[e * n + j] } }
        }
        if k == 0 { continue }
        sgemm(
          transposeA: false, transposeB: transposeWeight, m: rows, n: n, k: k, alpha: 1, pa + start * k, lda: k,
          pb + e * k * n, ldb: transposeWeight ? k : n, beta: biasValues == nil ? 0 : 1, c + start * n, ldc: n)
      }
    }
    return result.cast(to: promote(x.dtype, weight.dtype))
  }
}
