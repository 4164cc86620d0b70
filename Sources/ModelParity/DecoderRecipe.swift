import OpReference

/// One scaled model's forward pass over a ragged batch, composed of a backend's operations:
/// embedding, decoder layers (attention with its rotary variant, dense or routed MLP), the
/// multi-token-prediction head, the final norm and the LM head.
final class DecoderRecipe<Backend: DecoderBackend> {
  let model: ScaledModel
  let backend: Backend
  let weights: WeightSource
  let batch: Batch
  var loaded: [String: Backend.Activation] = [:]
  var caches: [Backend.Cache] = []
  /// The cos/sin rows of positions `0..<count` of each rotary variant, once built.
  var ropeRows: [RopeRows: RefTensor] = [:]
  /// A deliberate defect of this side's recipe, for tests that a broken composition is caught.
  let defect: RecipeDefect?
  /// Where the reference side records its expert choices and the runtime side checks its own.
  let ledger: RoutingLedger
  let isReference: Bool

  init(
    model: ScaledModel, backend: Backend, weights: WeightSource, batch: Batch, defect: RecipeDefect?,
    ledger: RoutingLedger, isReference: Bool
  ) throws {
    self.ledger = ledger
    self.isReference = isReference
    self.model = model
    self.backend = backend
    self.weights = weights
    self.batch = batch
    self.defect = defect
    let attentionLayers = model.layers.count + (model.hasMTP ? 1 : 0)
    for _ in 0..<attentionLayers {
      caches.append(
        try backend.emptyCache(
          blocks: batch.blockCount, blockSize: batch.blockSize, kvHeads: cacheHeads, headSize: model.queryHeadDim))
    }
  }

  /// KV heads of the paged cache; MLA caches its expanded per-head keys and values (values
  /// padded to the key width), one per query head.
  private var cacheHeads: Int { model.kvHeads }

  func weight(_ name: String, _ make: () -> RefTensor) throws -> Backend.Activation {
    if let tensor = loaded[name] { return tensor }
    let tensor = try backend.load(make())
    loaded[name] = tensor
    return tensor
  }

  func linear(_ name: String, _ x: Backend.Activation, out: Int, in width: Int, bias: Bool = false) throws
    -> Backend.Activation
  {
    let w = try weight(name) { weights.linear(name, out: out, in: width) }
    let b = bias ? try weight(name + ".bias") { weights.normal(name + ".bias", [out], scale: 0.1) } : nil
    return try backend.linear(x, w, bias: b)
  }

  func norm(_ name: String, _ x: Backend.Activation, width: Int) throws -> Backend.Activation {
    try backend.rmsNorm(x, try weight(name) { weights.norm(name, width) }, epsilon: model.epsilon)
  }

  private func addNorm(_ name: String, _ x: Backend.Activation, _ residual: Backend.Activation) throws
    -> (Backend.Activation, Backend.Activation)
  {
    try backend.addRmsNorm(x, residual: residual, try weight(name) { weights.norm(name, model.hidden) }, epsilon: model.epsilon)
  }

  /// Runs the tokens of one step: `ids[s]` are sequence `s`'s new tokens at positions
  /// `start[s]..<start[s] + ids[s].count`; prefill when a sequence has more than one.
  /// - Returns: the final-norm hidden states `[tokens, hidden]` and logits `[tokens, vocab]`,
  ///   then the MTP head's logits when the model has one.
  func step(ids: [[Int]], start: [Int], isPrefill: Bool) throws -> [RefTensor] {
    let flat = ids.flatMap { $0 }
    let table = try weight("embed") { weights.normal("embed", [model.vocab, model.hidden], scale: 1) }
    let embedded = try backend.embed(flat, table: table, scale: model.embeddingScale)
    var positions: [Int] = []
    for (s, tokens) in ids.enumerated() { positions += (0..<tokens.count).map { start[s] + $0 } }
    let lengths = ids.map(\.count)
    var h = embedded
    var residual: Backend.Activation?
    for (index, layer) in model.layers.enumerated() {
      let (out, sum) = try decoderLayer(
        index, layer, h, residual: residual, positions: positions, lengths: lengths, start: start, isPrefill: isPrefill)
      (h, residual) = (out, sum)
    }
    let final = try residual.map { try addNorm("final_norm", h, $0).0 } ?? norm("final_norm", h, width: model.hidden)
    let logits = try lmHead(final)
    var outputs = [backend.values(final), backend.values(logits)]
    if model.hasMTP {
      // DeepSeek's MTP block: eh_proj([enorm(embed(next)), hnorm(h)]) → one layer → shared head.
      let e = try norm("mtp.enorm", embedded, width: model.hidden)
      let hn = try norm("mtp.hnorm", final, width: model.hidden)
      let joined = try backend.joinHeads(e, hn, count: 1)
      let x = try linear("mtp.eh_proj", joined, out: model.hidden, in: 2 * model.hidden)
      let (m, r) = try decoderLayer(
        model.layers.count, model.layers[model.layers.count - 1], x, residual: nil, positions: positions,
        lengths: lengths, start: start, isPrefill: isPrefill)
      let (mtpFinal, _) = try addNorm("mtp.norm", m, r)
      outputs.append(backend.values(try lmHead(mtpFinal)))
    }
    return outputs
  }

  /// Patches the vision block attends over.
  static var visionPatches: Int { 16 }

  /// The vision tower's attention block over one image's patches: pre-norm, q/k/v with bias,
  /// bidirectional attention, output projection, residual.
  func visionBlock() throws -> RefTensor? {
    guard let (heads, d) = model.vision else { return nil }
    let width = heads * d
    let x = try backend.load(weights.normal("vision.patches", [Self.visionPatches, width], scale: 1))
    let normed = try norm("vision.norm", x, width: width)
    let q = try linear("vision.q", normed, out: width, in: width, bias: true)
    let k = try linear("vision.k", normed, out: width, in: width, bias: true)
    let v = try linear("vision.v", normed, out: width, in: width, bias: true)
    let shape = AttentionShape(
      heads: heads, kvHeads: heads, headSize: d, scale: 1 / Float(d).squareRoot(), window: nil, softcap: nil,
      isCausal: false)
    let attended = try backend.prefillAttention(query: q, key: k, value: v, lengths: [Self.visionPatches], shape: shape)
    return backend.values(try backend.add(x, try linear("vision.proj", attended, out: width, in: width, bias: true)))
  }

  private func lmHead(_ x: Backend.Activation) throws -> Backend.Activation {
    let name = model.isTied ? "embed" : "lm_head"
    let w = try weight(name) {
      model.isTied ? weights.normal("embed", [model.vocab, model.hidden], scale: 1) : weights.linear(name, out: model.vocab, in: model.hidden)
    }
    var logits = try backend.linear(x, w, bias: nil)
    if model.logitScale != 1 { logits = try backend.scale(logits, by: model.logitScale) }
    if let cap = model.finalSoftcap { logits = try backend.softcap(logits, cap: cap) }
    return logits
  }

  func decoderLayer(
    _ index: Int, _ layer: ScaledModel.Layer, _ h: Backend.Activation, residual: Backend.Activation?,
    positions: [Int], lengths: [Int], start: [Int], isPrefill: Bool
  ) throws -> (Backend.Activation, Backend.Activation) {
    let p = "l\(index)."
    var (x, sum) = try residual.map { r in try addNorm(p + "input_norm", h, r) }
      ?? (try norm(p + "input_norm", h, width: model.hidden), h)
    var a = try attention(index, x, positions: positions, lengths: lengths, start: start, isPrefill: isPrefill, sliding: layer.isSliding)
    if model.hasPostNorms { a = try norm(p + "post_attention_norm", a, width: model.hidden) }
    if model.residualScale != 1 { a = try backend.scale(a, by: model.residualScale) }
    (x, sum) = try addNorm(p + "ffn_norm", a, sum)
    var m: Backend.Activation
    if layer.isSparse, let routing = model.routing {
      m = try moe(p, x, routing)
    } else {
      m = try mlp(p, x, width: model.intermediate, int8: model.isInt8)
    }
    if model.hasPostNorms { m = try norm(p + "post_ffn_norm", m, width: model.hidden) }
    if model.residualScale != 1 { m = try backend.scale(m, by: model.residualScale) }
    return (m, sum)
  }

  private func mlp(_ p: String, _ x: Backend.Activation, width: Int, int8: Bool = false) throws -> Backend.Activation {
    if int8 {
      let gateUp = weights.quantizedLinear(p + "gate_up", out: 2 * width, in: model.hidden)
      let down = weights.quantizedLinear(p + "down", out: model.hidden, in: width)
      let act = try backend.gated(try backend.int8Linear(x, gateUp), model.activation)
      return try backend.int8Linear(act, down)
    }
    let gateUp = try linear(p + "gate_up", x, out: 2 * width, in: model.hidden)
    return try linear(p + "down", try backend.gated(gateUp, model.activation), out: model.hidden, in: width)
  }

  private func moe(_ p: String, _ x: Backend.Activation, _ r: ScaledModel.Routing) throws -> Backend.Activation {
    // Router weights are 4× wider than other linears so that expert choices sit far apart and
    // half-precision rounding does not swap near-tied experts.
    let router = try weight(p + "router") {
      weights.normal(p + "router", [r.experts, model.hidden], scale: 4 / Float(model.hidden).squareRoot())
    }
    let logits = try backend.linear(x, router, bias: nil)
    let bias = r.hasBias ? weights.normal(p + "router.bias", [r.experts], scale: 0.05) : nil
    let routed = try backend.route(logits, hidden: x, routing: r, bias: bias)
    let (w, ids) = isReference
      ? ledger.record(weights: routed.weights, ids: routed.ids)
      : ledger.check(weights: routed.weights, ids: routed.ids, topk: r.topk)
    let gateUp = try weight(p + "experts.gate_up") {
      weights.normal(p + "experts.gate_up", [r.experts, 2 * r.intermediate, model.hidden], scale: 1 / Float(model.hidden).squareRoot())
    }
    let down = try weight(p + "experts.down") {
      weights.normal(p + "experts.down", [r.experts, model.hidden, r.intermediate], scale: 1 / Float(r.intermediate).squareRoot())
    }
    var out = try backend.experts(x, weights: w, ids: ids, topk: r.topk, gateUp: gateUp, down: down, activation: model.activation)
    if r.outputScale != 1 { out = try backend.scale(out, by: r.outputScale) }
    if r.sharedIntermediate > 0 {
      var shared = try mlp(p + "shared.", x, width: r.sharedIntermediate)
      if r.hasSharedGate { shared = try backend.gate(shared, by: try linear(p + "shared.gate", x, out: 1, in: model.hidden)) }
      out = try backend.add(out, shared)
    }
    return out
  }
}

/// A rotary variant's cos/sin rows for positions `0..<count`.
struct RopeRows: Hashable {
  var rope: RopeSpec
  var count: Int
}

/// A deliberately broken step of one side's composition.
enum RecipeDefect: String, Sendable, CaseIterable {
  /// Queries and keys skip their per-head RMS norm.
  case skipQKNorm = "skip-qk-norm"
  /// Query heads pair with KV heads round-robin instead of in contiguous groups.
  case interleavedGQA = "interleaved-gqa"
}
