import OpReference

extension DecoderRecipe {
  /// Self-attention of layer `index`: projections, qk-norm, rotary embedding, the cache write,
  /// causal prefill attention or paged decode attention, and the output projection.
  func attention(
    _ index: Int, _ x: Backend.Activation, positions: [Int], lengths: [Int], start: [Int], isPrefill: Bool, sliding: Bool
  ) throws -> Backend.Activation {
    let p = "l\(index)."
    let d = model.queryHeadDim
    let (q, k, v, valueWidth) = try model.latent.map { try latentProjections(p, x, $0, positions: positions) }
      ?? projections(p, x, positions: positions, sliding: sliding)
    let shape = AttentionShape(
      heads: model.heads, kvHeads: model.kvHeads, headSize: d, scale: model.attentionScale,
      window: sliding ? model.window : nil, softcap: model.attentionSoftcap)
    let slots = batch.slots(start: start, lengths: lengths)
    try backend.writeCache(key: k, value: v, cache: &caches[index], slots: slots, kvHeads: model.kvHeads)
    var out = isPrefill
      ? try backend.prefillAttention(query: q, key: k, value: v, lengths: lengths, shape: shape)
      : try backend.decodeAttention(
        query: q, cache: caches[index], blockTables: batch.blockTables, lengths: zip(start, lengths).map { $0 + $1 },
        shape: shape)
    if valueWidth < d { out = try backend.heads(out, count: model.heads, width: d, start: 0, length: valueWidth) }
    return try linear(p + "o_proj", out, out: model.hidden, in: model.heads * valueWidth, bias: model.hasOutputBias)
  }

  /// q, k, v `[tokens, heads·head_dim]` of grouped-query attention, rotated.
  private func projections(_ p: String, _ x: Backend.Activation, positions: [Int], sliding: Bool) throws
    -> (Backend.Activation, Backend.Activation, Backend.Activation, Int)
  {
    let (h, kv, d) = (model.heads, model.kvHeads, model.headDim)
    let qName = p + "q_proj"
    let qWeight = try weight(qName) {
      let w = weights.linear(qName, out: h * d, in: model.hidden)
      return defect == .interleavedGQA ? Self.roundRobin(w, heads: h, kvHeads: kv, headDim: d) : w
    }
    let qBias = model.hasAttentionBias ? try weight(qName + ".bias") { weights.normal(qName + ".bias", [h * d], scale: 0.1) } : nil
    var q = try backend.linear(x, qWeight, bias: qBias)
    var k = try linear(p + "k_proj", x, out: kv * d, in: model.hidden, bias: model.hasAttentionBias)
    let v = try linear(p + "v_proj", x, out: kv * d, in: model.hidden, bias: model.hasAttentionBias)
    if model.hasQKNorm && defect != .skipQKNorm {
      q = try backend.reshape(try norm(p + "q_norm", try backend.reshape(q, width: d), width: d), width: h * d)
      k = try backend.reshape(try norm(p + "k_norm", try backend.reshape(k, width: d), width: d), width: kv * d)
    }
    (q, k) = try rotate(q, k, positions: positions, headSize: d, rope: model.rope.forLayer(sliding: sliding))
    return (q, k, v, d)
  }

  /// Multi-head latent attention in its expanded form: per-head keys `[nope | rope]` with the
  /// rotated part shared by all heads, values padded to the key width for the paged cache.
  private func latentProjections(_ p: String, _ x: Backend.Activation, _ l: ScaledModel.Latent, positions: [Int]) throws
    -> (Backend.Activation, Backend.Activation, Backend.Activation, Int)
  {
    let (h, d) = (model.heads, model.queryHeadDim)
    var q: Backend.Activation
    if let rank = l.qLoraRank {
      let qa = try norm(p + "q_a_norm", try linear(p + "q_a_proj", x, out: rank, in: model.hidden), width: rank)
      q = try linear(p + "q_b_proj", qa, out: h * d, in: rank)
    } else {
      q = try linear(p + "q_proj", x, out: h * d, in: model.hidden)
    }
    let kvA = try linear(p + "kv_a_proj", x, out: l.kvLoraRank + l.ropeDim, in: model.hidden)
    let latent = try norm(
      p + "kv_a_norm", try backend.heads(kvA, count: 1, width: l.kvLoraRank + l.ropeDim, start: 0, length: l.kvLoraRank),
      width: l.kvLoraRank)
    var kRope = try backend.heads(kvA, count: 1, width: l.kvLoraRank + l.ropeDim, start: l.kvLoraRank, length: l.ropeDim)
    let kv = try linear(p + "kv_b_proj", latent, out: h * (l.nopeDim + l.vDim), in: l.kvLoraRank)
    let kNope = try backend.heads(kv, count: h, width: l.nopeDim + l.vDim, start: 0, length: l.nopeDim)
    let v = try backend.heads(kv, count: h, width: l.nopeDim + l.vDim, start: l.nopeDim, length: l.vDim)
    let qNope = try backend.heads(q, count: h, width: d, start: 0, length: l.nopeDim)
    var qRope = try backend.heads(q, count: h, width: d, start: l.nopeDim, length: l.ropeDim)
    (qRope, kRope) = try rotate(qRope, kRope, positions: positions, headSize: l.ropeDim, rope: model.rope)
    q = try backend.joinHeads(qNope, qRope, count: h)
    let k = try backend.joinHeads(kNope, try backend.repeatHeads(kRope, count: h), count: h)
    let paddedV = l.vDim < d ? try backend.padHeads(v, count: h, to: d) : v
    return (q, k, paddedV, l.vDim)
  }

  /// The rotary embedding through `rotary_embedding` with the variant's cos/sin rows; mrope
  /// rows are built per token from (temporal, height, width) positions and indexed by token.
  private func rotate(_ q: Backend.Activation, _ k: Backend.Activation, positions: [Int], headSize: Int, rope: RopeSpec)
    throws -> (Backend.Activation, Backend.Activation)
  {
    let dtype = weights.dtype
    if case .mrope = rope.kind {
      let triples = positions.map { [$0, $0 + $0 % 3, $0 + $0 % 2] }
      let cache = RefTensor(shape: [positions.count, rope.rotaryDim], values: dtype.round(rope.rows(for: triples)))
      return try backend.rope(
        query: q, key: k, positions: Array(positions.indices), headSize: headSize, cache: cache, isNeox: rope.isNeox)
    }
    let count = (positions.max() ?? 0) + 1
    let key = RopeRows(rope: rope, count: count)
    let cache = ropeRows[key] ?? RefTensor(
      shape: [count, rope.rotaryDim], values: dtype.round(rope.rows(for: (0..<count).map { [$0, $0, $0] })))
    ropeRows[key] = cache
    return try backend.rope(query: q, key: k, positions: positions, headSize: headSize, cache: cache, isNeox: rope.isNeox)
  }

  /// `w` with its query heads reordered so contiguous groups become round-robin groups.
  static func roundRobin(_ w: RefTensor, heads: Int, kvHeads: Int, headDim: Int) -> RefTensor {
    let group = heads / kvHeads
    let width = w.shape[1]
    var out = w
    for h in 0..<heads {
      let source = (h % kvHeads) * group + h / kvHeads
      for row in 0..<headDim {
        for c in 0..<width { out.values[(h * headDim + row) * width + c] = w.values[(source * headDim + row) * width + c] }
      }
    }
    return out
  }
}
