import Foundation
import OpReference

/// The upstream side: vLLM's custom ops through OpReference, everything else as plain loops
/// in float32 with results rounded to the dtype (as vLLM's kernels store them).
struct ReferenceBackend: DecoderBackend {
  struct Cache {
    var key: RefTensor
    var value: RefTensor
    var blockSize: Int
  }

  let dtype: FloatType

  func load(_ tensor: RefTensor) throws -> RefTensor { RefTensor(shape: tensor.shape, values: dtype.round(tensor.values)) }
  func values(_ x: RefTensor) -> RefTensor { x }

  func emptyCache(blocks: Int, blockSize: Int, kvHeads: Int, headSize: Int) throws -> Cache {
    let x = Reference.keyCachePack(dtype)
    return Cache(
      key: .zeros([blocks, kvHeads, headSize / x, blockSize, x]), value: .zeros([blocks, kvHeads, headSize, blockSize]),
      blockSize: blockSize)
  }

  func embed(_ ids: [Int], table: RefTensor, scale: Float) throws -> RefTensor {
    let width = table.lastDim
    let factor = dtype.round(scale)
    var values: [Float] = []
    for id in ids { values += table.values[id * width..<(id + 1) * width].map { dtype.round($0 * factor) } }
    return RefTensor(shape: [ids.count, width], values: values)
  }

  func linear(_ x: RefTensor, _ weight: RefTensor, bias: RefTensor?) throws -> RefTensor {
    let (rows, k, n) = (x.rows, x.lastDim, weight.shape[0])
    var out = RefTensor.zeros([rows, n])
    x.values.withUnsafeBufferPointer { a in
      weight.values.withUnsafeBufferPointer { w in
        for r in 0..<rows {
          for j in 0..<n {
            var acc: Float = 0
            for i in 0..<k { acc += a[r * k + i] * w[j * k + i] }
            if let bias { acc += bias.values[j] }
            out.values[r * n + j] = dtype.round(acc)
          }
        }
      }
    }
    return out
  }

  func int8Linear(_ x: RefTensor, _ weight: QuantizedWeight) throws -> RefTensor {
    let q = Reference.scaledInt8Quant(input: x, scale: nil)
    let (rows, k, n) = (x.rows, x.lastDim, weight.values.shape[0])
    var out = RefTensor.zeros([rows, n])
    for r in 0..<rows {
      for j in 0..<n {
        var acc: Int32 = 0
        for i in 0..<k { acc += Int32(q.values.values[r * k + i]) * Int32(weight.values.values[j * k + i]) }
        out.values[r * n + j] = dtype.round(Float(acc) * q.scales.values[r] * weight.scales[j])
      }
    }
    return out
  }

  func rmsNorm(_ x: RefTensor, _ weight: RefTensor, epsilon: Float) throws -> RefTensor {
    Reference.rmsNorm(input: x, weight: weight.values, epsilon: epsilon, dtype: dtype)
  }

  func addRmsNorm(_ x: RefTensor, residual: RefTensor, _ weight: RefTensor, epsilon: Float) throws -> (RefTensor, RefTensor) {
    var input = x
    var residual = residual
    Reference.fusedAddRmsNorm(input: &input, residual: &residual, weight: weight.values, epsilon: epsilon, dtype: dtype)
    return (input, residual)
  }

  func gated(_ x: RefTensor, _ activation: Reference.GatedActivation) throws -> RefTensor {
    Reference.gatedActivation(activation, x: x, dtype: dtype)
  }

  func rope(query: RefTensor, key: RefTensor, positions: [Int], headSize: Int, cache: RefTensor, isNeox: Bool) throws
    -> (RefTensor, RefTensor)
  {
    var q = query
    var k: RefTensor? = key
    Reference.rotaryEmbedding(
      positions: positions, query: &q, key: &k, headSize: headSize, cosSinCache: cache, isNeox: isNeox, dtype: dtype)
    return (q, k!)
  }

  func add(_ a: RefTensor, _ b: RefTensor) throws -> RefTensor {
    RefTensor(shape: a.shape, values: zip(a.values, b.values).map { dtype.round($0 + $1) })
  }

  func scale(_ x: RefTensor, by factor: Float) throws -> RefTensor {
    RefTensor(shape: x.shape, values: x.values.map { dtype.round($0 * factor) })
  }

  func gate(_ x: RefTensor, by g: RefTensor) throws -> RefTensor {
    let width = x.lastDim
    return RefTensor(shape: x.shape, values: x.values.indices.map { i in
      dtype.round(x.values[i] * dtype.round(1 / (1 + expf(-g.values[i / width]))))
    })
  }

  func softcap(_ x: RefTensor, cap: Float) throws -> RefTensor {
    RefTensor(shape: x.shape, values: x.values.map { dtype.round(cap * tanhf($0 / cap)) })
  }

  func heads(_ x: RefTensor, count: Int, width: Int, start: Int, length: Int) throws -> RefTensor {
    var values: [Float] = []
    values.reserveCapacity(x.rows * count * length)
    for r in 0..<x.rows {
      for h in 0..<count {
        let base = r * count * width + h * width + start
        values += x.values[base..<base + length]
      }
    }
    return RefTensor(shape: [x.rows, count * length], values: values)
  }

  func joinHeads(_ a: RefTensor, _ b: RefTensor, count: Int) throws -> RefTensor {
    let (wa, wb) = (a.lastDim / count, b.lastDim / count)
    var values: [Float] = []
    for r in 0..<a.rows {
      for h in 0..<count {
        values += a.values[(r * count + h) * wa..<(r * count + h + 1) * wa]
        values += b.values[(r * count + h) * wb..<(r * count + h + 1) * wb]
      }
    }
    return RefTensor(shape: [a.rows, count * (wa + wb)], values: values)
  }

  func repeatHeads(_ x: RefTensor, count: Int) throws -> RefTensor {
    var values: [Float] = []
    for r in 0..<x.rows {
      for _ in 0..<count { values += x.values[r * x.lastDim..<(r + 1) * x.lastDim] }
    }
    return RefTensor(shape: [x.rows, count * x.lastDim], values: values)
  }

  func padHeads(_ x: RefTensor, count: Int, to width: Int) throws -> RefTensor {
    let w = x.lastDim / count
    var values: [Float] = []
    for r in 0..<x.rows {
      for h in 0..<count {
        values += x.values[(r * count + h) * w..<(r * count + h + 1) * w]
        values += [Float](repeating: 0, count: width - w)
      }
    }
    return RefTensor(shape: [x.rows, count * width], values: values)
  }

  func reshape(_ x: RefTensor, width: Int) throws -> RefTensor {
    RefTensor(shape: [x.count / width, width], values: x.values)
  }

  func writeCache(key: RefTensor, value: RefTensor, cache: inout Cache, slots: [Int], kvHeads: Int) throws {
    let shape = [key.rows, kvHeads, key.lastDim / kvHeads]
    Reference.reshapeAndCache(
      key: RefTensor(shape: shape, values: key.values), value: RefTensor(shape: shape, values: value.values),
      keyCache: &cache.key, valueCache: &cache.value, slotMapping: slots, blockSize: cache.blockSize, dtype: dtype)
  }

  func prefillAttention(query: RefTensor, key: RefTensor, value: RefTensor, lengths: [Int], shape: AttentionShape) throws
    -> RefTensor
  {
    var out = RefTensor.zeros(query.shape)
    var first = 0
    for length in lengths {
      for i in 0..<length {
        attend(
          query: query.values, row: first + i, keys: (0..<(shape.isCausal ? i + 1 : length)).map { first + $0 }, shape: shape,
          key: { t, h, d in key.values[(t * shape.kvHeads + h) * shape.headSize + d] },
          value: { t, h, d in value.values[(t * shape.kvHeads + h) * shape.headSize + d] }, into: &out)
      }
      first += length
    }
    return out
  }

  func decodeAttention(query: RefTensor, cache: Cache, blockTables: [[Int]], lengths: [Int], shape: AttentionShape) throws
    -> RefTensor
  {
    if shape.window == nil, shape.softcap == nil {
      let q = RefTensor(shape: [query.rows, shape.heads, shape.headSize], values: query.values)
      let out = Reference.pagedAttentionV1(
        query: q, keyCache: cache.key, valueCache: cache.value, numKVHeads: shape.kvHeads, scale: shape.scale,
        blockTables: blockTables, seqLens: lengths, blockSize: cache.blockSize, dtype: dtype)
      return RefTensor(shape: query.shape, values: out.values)
    }
    // Sliding windows and soft-capped logits: the same attention as plain loops over the cache.
    let x = Reference.keyCachePack(dtype)
    let (b, kv, d) = (cache.blockSize, shape.kvHeads, shape.headSize)
    var out = RefTensor.zeros(query.shape)
    for (s, length) in lengths.enumerated() {
      func slot(_ t: Int) -> (Int, Int) { (blockTables[s][t / b], t % b) }
      attend(
        query: query.values, row: s, keys: Array(0..<length), shape: shape,
        key: { t, h, i in
          let (block, offset) = slot(t)
          return cache.key.values[(((block * kv + h) * (d / x) + i / x) * b + offset) * x + i % x]
        },
        value: { t, h, i in
          let (block, offset) = slot(t)
          return cache.value.values[((block * kv + h) * d + i) * b + offset]
        }, into: &out)
    }
    return out
  }

  /// One query row's attention over `keys` (token indices, the last one being the query's own
  /// position), with the window, soft-cap and grouped KV heads of `shape`.
  private func attend(
    query: [Float], row: Int, keys: [Int], shape: AttentionShape, key: (Int, Int, Int) -> Float,
    value: (Int, Int, Int) -> Float, into out: inout RefTensor
  ) {
    let visible = shape.window.map { Array(keys.suffix($0)) } ?? keys
    let group = shape.heads / shape.kvHeads
    let d = shape.headSize
    for h in 0..<shape.heads {
      let kvHead = h / group
      let q = (row * shape.heads + h) * d
      var logits = visible.map { t in
        var dot: Float = 0
        for i in 0..<d { dot += query[q + i] * key(t, kvHead, i) }
        return dot * shape.scale
      }
      if let cap = shape.softcap { logits = logits.map { cap * tanhf($0 / cap) } }
      let peak = logits.max() ?? 0
      let exps = logits.map { expf($0 - peak) }
      let total = exps.reduce(0, +)
      for i in 0..<d {
        var acc: Float = 0
        for (j, t) in visible.enumerated() { acc += exps[j] * value(t, kvHead, i) }
        out.values[q + i] = dtype.round(acc / total)
      }
    }
  }

  func route(_ logits: RefTensor, hidden: RefTensor, routing: ScaledModel.Routing, bias: RefTensor?) throws
    -> (weights: [Float], ids: [Int])
  {
    let result = routing.isGrouped
      ? Reference.groupedTopk(
        gating: logits, topk: routing.topk, renormalize: routing.renormalize, numExpertGroup: routing.groups,
        topkGroup: routing.topkGroup, scoring: routing.scoring, routedScalingFactor: routing.scalingFactor,
        bias: bias?.values, dtype: dtype)
      : Reference.topkSoftmax(gating: logits, topk: routing.topk, renormalize: routing.renormalize)
    return (result.weights.values, result.ids)
  }

  func experts(
    _ x: RefTensor, weights: [Float], ids: [Int], topk: Int, gateUp: RefTensor, down: RefTensor,
    activation: Reference.GatedActivation
  ) throws -> RefTensor {
    let (hidden, inner) = (x.lastDim, down.lastDim)
    var out = RefTensor.zeros(x.shape)
    for r in 0..<x.rows {
      let row = RefTensor(shape: [1, hidden], values: Array(x.values[r * hidden..<(r + 1) * hidden]))
      var acc = [Float](repeating: 0, count: hidden)
      for k in 0..<topk {
        let e = ids[r * topk + k]
        let w1 = RefTensor(shape: [2 * inner, hidden], values: Array(gateUp.values[e * 2 * inner * hidden..<(e + 1) * 2 * inner * hidden]))
        let w2 = RefTensor(shape: [hidden, inner], values: Array(down.values[e * hidden * inner..<(e + 1) * hidden * inner]))
        let y = try linear(gated(try linear(row, w1, bias: nil), activation), w2, bias: nil)
        for i in 0..<hidden { acc[i] += weights[r * topk + k] * y.values[i] }
      }
      for i in 0..<hidden { out.values[r * hidden + i] = dtype.round(acc[i]) }
    }
    return out
  }
}
