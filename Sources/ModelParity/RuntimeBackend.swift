import MSRuntime
import OpReference
import Parity

/// The plugin side: every upstream custom op through the revision's mapping (so a broken
/// mapping shows), the rest on MSRuntime ops (dense on BLAS, flash attention for prefill, paged
/// attention for decode, grouped matmul for experts).
struct RuntimeBackend: DecoderBackend {
  struct Cache {
    var key: Tensor
    var value: Tensor
    var blockSize: Int
  }

  let dtype: FloatType
  let mappings: OpMappings
  /// Counts the floating-point operations of the matmuls this side runs.
  let flops: FlopCounter
  var runtime: DType {
    switch dtype {
    case .float32: .float32
    case .float16: .float16
    case .bfloat16: .bfloat16
    }
  }

  func load(_ tensor: RefTensor) throws -> Tensor { try Tensor(shape: tensor.shape, dtype: runtime, values: tensor.values) }
  func values(_ x: Tensor) -> RefTensor { RefTensor(shape: x.shape, values: x.toFloatArray()) }

  func emptyCache(blocks: Int, blockSize: Int, kvHeads: Int, headSize: Int) throws -> Cache {
    let x = Reference.keyCachePack(dtype)
    return Cache(
      key: try .zeros([blocks, kvHeads, headSize / x, blockSize, x], dtype: runtime),
      value: try .zeros([blocks, kvHeads, headSize, blockSize], dtype: runtime), blockSize: blockSize)
  }

  private func scalar(_ value: Float) -> Tensor { Tensor(scalar: value, dtype: runtime) }
  private var unitScale: Value { .tensor(Tensor(scalar: 1, dtype: .float32)) }

  private func call(_ op: String, _ arguments: [String: Value], _ output: String) throws -> Tensor {
    let outputs = try mappings.call(op, arguments)
    guard let tensor = outputs[output] else { throw ModelParityError.missingOutput(op: op, output: output) }
    return tensor
  }

  func embed(_ ids: [Int], table: Tensor, scale: Float) throws -> Tensor {
    let rows = try MS.embedding(try Tensor(shape: [ids.count], ints: ids), weight: table)
    return scale == 1 ? rows : try MS.mul(rows, scalar(scale))
  }

  func linear(_ x: Tensor, _ weight: Tensor, bias: Tensor?) throws -> Tensor {
    flops.add(2 * x.count * weight.shape[0])
    return try MS.dense(x, weight, bias)
  }

  func int8Linear(_ x: Tensor, _ weight: QuantizedWeight) throws -> Tensor {
    let outputs = try mappings.call(
      "vllm._custom_ops.scaled_int8_quant", ["input": .tensor(x), "scale": .none, "azp": .none, "symmetric": .bool(true)])
    guard let q = outputs["return[0]"], let scales = outputs["return[1]"] else {
      throw ModelParityError.missingOutput(op: "vllm._custom_ops.scaled_int8_quant", output: "return[0], return[1]")
    }
    flops.add(2 * x.count * weight.values.shape[0])
    let w = try Tensor(shape: weight.values.shape, dtype: .int8, ints: weight.values.values.map { Int($0) })
    return try MS.quantBatchMatmul(
      q, w, scale: try Tensor(shape: [weight.scales.count], values: weight.scales),
      pertokenScale: try scales.cast(to: .float32).reshape([x.shape[0]]), transposeX2: true, dtype: runtime)
  }

  func rmsNorm(_ x: Tensor, _ weight: Tensor, epsilon: Float) throws -> Tensor {
    try call(
      "vllm._custom_ops.rms_norm",
      ["out": .tensor(try .zeros(x.shape, dtype: runtime)), "input": .tensor(x), "weight": .tensor(weight),
       "epsilon": .float(Double(epsilon))], "out")
  }

  func addRmsNorm(_ x: Tensor, residual: Tensor, _ weight: Tensor, epsilon: Float) throws -> (Tensor, Tensor) {
    let outputs = try mappings.call(
      "vllm._custom_ops.fused_add_rms_norm",
      ["input": .tensor(x), "residual": .tensor(residual), "weight": .tensor(weight), "epsilon": .float(Double(epsilon))])
    guard let normed = outputs["input"], let sum = outputs["residual"] else {
      throw ModelParityError.missingOutput(op: "vllm._custom_ops.fused_add_rms_norm", output: "input, residual")
    }
    return (normed, sum)
  }

  func gated(_ x: Tensor, _ activation: Reference.GatedActivation) throws -> Tensor {
    let op = "torch.ops._C.\(activation.rawValue)_and_mul"
    return try call(op, ["out": .tensor(try .zeros([x.shape[0], x.shape[1] / 2], dtype: runtime)), "x": .tensor(x)], "out")
  }

  func rope(query: Tensor, key: Tensor, positions: [Int], headSize: Int, cache: RefTensor, isNeox: Bool) throws
    -> (Tensor, Tensor)
  {
    let outputs = try mappings.call(
      "vllm._custom_ops.rotary_embedding",
      ["positions": .tensor(try Tensor(shape: [positions.count], ints: positions)), "query": .tensor(query),
       "key": .tensor(key), "head_size": .int(headSize), "cos_sin_cache": .tensor(try load(cache)),
       "is_neox": .bool(isNeox)])
    guard let q = outputs["query"], let k = outputs["key"] else {
      throw ModelParityError.missingOutput(op: "vllm._custom_ops.rotary_embedding", output: "query, key")
    }
    return (q, k)
  }

  func add(_ a: Tensor, _ b: Tensor) throws -> Tensor { try MS.add(a, b) }
  func scale(_ x: Tensor, by factor: Float) throws -> Tensor { try MS.mul(x, scalar(factor)) }
  func gate(_ x: Tensor, by g: Tensor) throws -> Tensor { try MS.mul(x, MS.sigmoid(g)) }

  func softcap(_ x: Tensor, cap: Float) throws -> Tensor {
    // cap · tanh(x / cap), with tanh(y) = 2·sigmoid(2y) − 1.
    let s = MS.sigmoid(try MS.mul(x.cast(to: .float32), Tensor(scalar: 2 / cap)))
    let t = try MS.sub(try MS.mul(s, Tensor(scalar: 2)), Tensor(scalar: 1))
    return try MS.mul(t, Tensor(scalar: cap)).cast(to: runtime)
  }

  func heads(_ x: Tensor, count: Int, width: Int, start: Int, length: Int) throws -> Tensor {
    try x.reshape([x.shape[0], count, width]).narrow(dim: 2, start: start, length: length).contiguous()
      .reshape([x.shape[0], count * length])
  }

  func joinHeads(_ a: Tensor, _ b: Tensor, count: Int) throws -> Tensor {
    let rows = a.shape[0]
    let joined = try MS.concat([a.reshape([rows, count, -1]), b.reshape([rows, count, -1])], axis: 2)
    return try joined.reshape([rows, -1])
  }

  func repeatHeads(_ x: Tensor, count: Int) throws -> Tensor {
    try x.unsqueeze(dim: 1).expand(to: [x.shape[0], count, x.shape[1]]).contiguous().reshape([x.shape[0], -1])
  }

  func padHeads(_ x: Tensor, count: Int, to width: Int) throws -> Tensor {
    let zeros = try Tensor.zeros([x.shape[0], count * (width - x.shape[1] / count)], dtype: runtime)
    return try joinHeads(x, zeros, count: count)
  }

  func reshape(_ x: Tensor, width: Int) throws -> Tensor { try x.reshape([x.count / width, width]) }

  func writeCache(key: Tensor, value: Tensor, cache: inout Cache, slots: [Int], kvHeads: Int) throws {
    let shape = [key.shape[0], kvHeads, key.shape[1] / kvHeads]
    let outputs = try mappings.call(
      "vllm._custom_ops.reshape_and_cache",
      ["key": .tensor(try key.reshape(shape)), "value": .tensor(try value.reshape(shape)), "key_cache": .tensor(cache.key),
       "value_cache": .tensor(cache.value), "slot_mapping": .tensor(try Tensor(shape: [slots.count], ints: slots)),
       "kv_cache_dtype": .string("auto"), "k_scale": unitScale, "v_scale": unitScale])
    guard let k = outputs["key_cache"], let v = outputs["value_cache"] else {
      throw ModelParityError.missingOutput(op: "vllm._custom_ops.reshape_and_cache", output: "key_cache, value_cache")
    }
    cache.key = k
    cache.value = v
  }

  func prefillAttention(query: Tensor, key: Tensor, value: Tensor, lengths: [Int], shape: AttentionShape) throws -> Tensor {
    let t = query.shape[0]
    var cumulative: [Int] = []
    var total = 0
    for length in lengths {
      total += length
      cumulative.append(total)
    }
    let out = try MS.flashAttentionScore(
      query: query.reshape([t, shape.heads, shape.headSize]), key: key.reshape([t, shape.kvHeads, shape.headSize]),
      value: value.reshape([t, shape.kvHeads, shape.headSize]), actualSeqQLen: cumulative, actualSeqKVLen: cumulative,
      scale: shape.scale, preTokens: shape.window.map { $0 - 1 } ?? Int(Int32.max),
      nextTokens: shape.isCausal ? 0 : Int(Int32.max), sparseMode: !shape.isCausal ? 0 : shape.window == nil ? 3 : 4,
      softCap: shape.softcap)
    return try out.reshape([t, shape.heads * shape.headSize])
  }

  func decodeAttention(query: Tensor, cache: Cache, blockTables: [[Int]], lengths: [Int], shape: AttentionShape) throws
    -> Tensor
  {
    let batch = lengths.count
    let q = try query.reshape([batch, shape.heads, shape.headSize])
    if shape.window == nil, shape.softcap == nil {
      let out = try call(
        "vllm._custom_ops.paged_attention_v1",
        ["out": .tensor(try .zeros(q.shape, dtype: runtime)), "query": .tensor(q), "key_cache": .tensor(cache.key),
         "value_cache": .tensor(cache.value), "num_kv_heads": .int(shape.kvHeads), "scale": .float(Double(shape.scale)),
         "block_tables": .tensor(try Tensor(shape: [batch, blockTables[0].count], dtype: .int32, ints: blockTables.flatMap { $0 })),
         "seq_lens": .tensor(try Tensor(shape: [batch], dtype: .int32, ints: lengths)), "block_size": .int(cache.blockSize),
         "max_seq_len": .int(lengths.max() ?? 0), "alibi_slopes": .none, "kv_cache_dtype": .string("auto"),
         "k_scale": unitScale, "v_scale": unitScale], "out")
      return try out.reshape([batch, shape.heads * shape.headSize])
    }
    // Windows and soft-caps: the cached rows of each sequence, then flash attention with the
    // query aligned to the last key.
    let (keys, values) = try gather(cache, blockTables: blockTables, lengths: lengths, shape: shape)
    var cumulative: [Int] = []
    var total = 0
    for length in lengths {
      total += length
      cumulative.append(total)
    }
    let out = try MS.flashAttentionScore(
      query: q, key: keys, value: values, actualSeqQLen: Array(1...batch), actualSeqKVLen: cumulative, scale: shape.scale,
      preTokens: shape.window.map { $0 - 1 } ?? Int(Int32.max), nextTokens: 0, sparseMode: 4, softCap: shape.softcap)
    return try out.reshape([batch, shape.heads * shape.headSize])
  }

  /// Each sequence's cached keys and values, `[tokens, kv_heads, head_size]`, read through its
  /// block table from vLLM's cache layouts.
  private func gather(_ cache: Cache, blockTables: [[Int]], lengths: [Int], shape: AttentionShape) throws -> (Tensor, Tensor) {
    let key = cache.key.toFloatArray(), value = cache.value.toFloatArray()
    let x = Reference.keyCachePack(dtype)
    let (b, kv, d) = (cache.blockSize, shape.kvHeads, shape.headSize)
    var keys: [Float] = [], values: [Float] = []
    for (s, length) in lengths.enumerated() {
      for t in 0..<length {
        let (block, offset) = (blockTables[s][t / b], t % b)
        for h in 0..<kv {
          for i in 0..<d {
            keys.append(key[(((block * kv + h) * (d / x) + i / x) * b + offset) * x + i % x])
            values.append(value[((block * kv + h) * d + i) * b + offset])
          }
        }
      }
    }
    let rows = lengths.reduce(0, +)
    return (
      try Tensor(shape: [rows, kv, d], dtype: runtime, values: keys),
      try Tensor(shape: [rows, kv, d], dtype: runtime, values: values)
    )
  }

  func route(_ logits: Tensor, hidden: Tensor, routing: ScaledModel.Routing, bias: RefTensor?) throws
    -> (weights: [Float], ids: [Int])
  {
    let outputs: [String: Tensor]
    if routing.isGrouped {
      outputs = try mappings.call(
        "vllm.model_executor.layers.fused_moe.fused_moe.grouped_topk",
        ["hidden_states": .tensor(hidden), "gating_output": .tensor(logits), "topk": .int(routing.topk),
         "renormalize": .bool(routing.renormalize), "num_expert_group": .int(routing.groups),
         "topk_group": .int(routing.topkGroup), "scoring_func": .string(routing.scoring.rawValue),
         "routed_scaling_factor": .float(Double(routing.scalingFactor)),
         "e_score_correction_bias": try bias.map { .tensor(try Tensor(shape: $0.shape, values: $0.values)) } ?? .none])
    } else {
      outputs = try mappings.call(
        "vllm.model_executor.layers.fused_moe.fused_moe.fused_topk",
        ["hidden_states": .tensor(hidden), "gating_output": .tensor(logits), "topk": .int(routing.topk),
         "renormalize": .bool(routing.renormalize), "indices_type": .none])
    }
    guard let weights = outputs["return[0]"], let ids = outputs["return[1]"] else {
      throw ModelParityError.missingOutput(op: "routing", output: "return[0], return[1]")
    }
    return (weights.toFloatArray(), ids.toIntArray())
  }

  func experts(
    _ x: Tensor, weights: [Float], ids: [Int], topk: Int, gateUp: Tensor, down: Tensor,
    activation: Reference.GatedActivation
  ) throws -> Tensor {
    let experts = gateUp.shape[0]
    let rows = x.shape[0]
    // Token-expert pairs sorted by expert, as the grouped matmul takes them.
    let pairs = (0..<rows * topk).sorted { (ids[$0], $0) < (ids[$1], $1) }
    let gathered = try MS.indexSelect(x, axis: 0, index: try Tensor(shape: [pairs.count], ints: pairs.map { $0 / topk }))
    var ends: [Int] = []
    var next = 0
    for e in 0..<experts {
      while next < pairs.count && ids[pairs[next]] == e { next += 1 }
      ends.append(next)
    }
    flops.add(2 * pairs.count * gateUp.shape[1] * gateUp.shape[2] + 2 * pairs.count * down.shape[1] * down.shape[2])
    let hidden = try MS.groupedMatmul(gathered, weight: gateUp, groupList: ends, transposeWeight: true)
    let y = try MS.groupedMatmul(try gated(hidden, activation), weight: down, groupList: ends, transposeWeight: true)
    // Σ_k w_k · y_k per token, each product rounded to float32 before it is added.
    let values = y.toFloatArray()
    let width = x.shape[1]
    var sums = [Float](repeating: 0, count: rows * width)
    sums.withUnsafeMutableBufferPointer { out in
      values.withUnsafeBufferPointer { y in
        for (i, pair) in pairs.enumerated() {
          let (w, target, source) = (weights[pair], out.baseAddress! + pair / topk * width, y.baseAddress! + i * width)
          for j in 0..<width { target[j] += w * source[j] }
        }
      }
    }
    return try Tensor(shape: [rows, width], dtype: runtime, values: sums)
  }
}

/// A running total of matmul floating-point operations.
final class FlopCounter {
  private(set) var total = 0.0
  func add(_ count: Int) { total += Double(count) }
}
