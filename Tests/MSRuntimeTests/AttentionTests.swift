import Foundation
import Testing

@testable import MSRuntime

/// Plain attention of one query row over key/value rows: softmax(scale q·k) · v.
func referenceAttention(_ q: [Float], keys: [[Float]], values: [[Float]], scale: Float, softCap: Float? = nil) -> [Float] {
  guard !keys.isEmpty else { return [Float](repeating: 0, count: values.first?.count ?? 0) }
  var logits = keys.map { k in zip(q, k).map { $0 * $1 }.reduce(0, +) * scale }
  if let softCap { logits = logits.map { softCap * tanh($0 / softCap) } }
  let top = logits.max() ?? 0
  let e = logits.map { Foundation.exp($0 - top) }
  let s = e.reduce(0, +)
  var out = [Float](repeating: 0, count: values[0].count)
  for (w, v) in zip(e, values) { for i in out.indices { out[i] += w / s * v[i] } }
  return out
}

@Suite struct AttentionTests {
  @Test func reshapeAndCacheWritesSlotsAndSkipsPadding() throws {
    let key = try random([3, 2, 4], seed: 1), value = try random([3, 2, 4], seed: 2)
    var keyCache = try Tensor.zeros([2, 4, 2, 4]), valueCache = try Tensor.zeros([2, 4, 2, 4])
    let before = keyCache
    try MS.reshapeAndCache(
      key: key, value: value, keyCache: &keyCache, valueCache: &valueCache,
      slotMapping: Tensor(shape: [3], dtype: .int32, ints: [5, -1, 0]))
    #expect(before.toFloatArray().allSatisfy { $0 == 0 })  // copy-on-write kept the other value intact
    let cache = keyCache.toFloatArray(), k = key.toFloatArray()
    #expect(Array(cache[5 * 8..<6 * 8]) == Array(k[0..<8]))
    #expect(Array(cache[0..<8]) == Array(k[16..<24]))
    #expect(cache.enumerated().filter { $0.element != 0 }.count == 16)
    #expect(Array(valueCache.toFloatArray()[0..<8]) == Array(value.toFloatArray()[16..<24]))
  }

  @Test func reshapeAndCacheRoundsToCacheDTypeAndRejectsBadSlots() throws {
    let key = try random([1, 8], seed: 3)
    var cache = try Tensor.zeros([1, 2, 2, 4], dtype: .float16)
    try MS.reshapeAndCache(key: key, keyCache: &cache, slotMapping: Tensor(shape: [1], ints: [1]))
    #expect(Array(cache.toFloatArray()[8..<16]) == key.toFloatArray().map { HalfPrecision.round($0, to: .float16) })
    let snapshot = cache.toFloatArray()
    #expect(throws: MSError.self) { try MS.reshapeAndCache(key: key, keyCache: &cache, slotMapping: Tensor(shape: [1], ints: [2])) }
    #expect(throws: MSError.self) { try MS.reshapeAndCache(key: key, keyCache: &cache, slotMapping: Tensor(shape: [2], ints: [0, 1])) }
    #expect(cache.toFloatArray() == snapshot)
  }

  @Test func reshapeAndCacheWritesThroughAPermutedViewOfAnotherLayout() throws {
    // vLLM's key cache [blocks, kv_heads, head_size/x, block_size, x] viewed in the ND order.
    let key = try random([3, 2, 4], seed: 8)
    let slots = try Tensor(shape: [3], dtype: .int32, ints: [5, -1, 2])
    let original = try random([2, 2, 2, 4, 2], seed: 9)
    let snapshot = original.toFloatArray()
    var view = try original.permute([0, 3, 1, 2, 4])
    try MS.reshapeAndCache(key: key, keyCache: &view, slotMapping: slots)
    var dense = try original.permute([0, 3, 1, 2, 4]).contiguous()
    try MS.reshapeAndCache(key: key, keyCache: &dense, slotMapping: slots)
    #expect(view.shape == [2, 4, 2, 2, 2])
    #expect(view.toFloatArray() == dense.toFloatArray())
    let back = try view.permute([0, 2, 3, 1, 4])
    #expect(back.isContiguous)  // the layout was kept: no transpose back
    #expect(back.toFloatArray() != original.toFloatArray())
    #expect(original.toFloatArray() == snapshot)  // copy-on-write
  }

  // Head size 8 takes the scalar kernels, 32 the vector ones; 6 heads per KV head exercise the
  // four-head unrolled scores plus a remainder.
  @Test(arguments: [(4, 2, 8), (12, 2, 32)])
  func pagedAttentionMatchesDenseAttentionWithGQA(heads: Int, kvHeads: Int, d: Int) throws {
    let (batch, blockSize, blocks) = (2, 4, 6)
    let keyCache = try random([blocks, blockSize, kvHeads, d], seed: 5)
    let valueCache = try random([blocks, blockSize, kvHeads, d], seed: 6)
    let query = try random([batch, heads, d], seed: 7)
    let tables = try Tensor(shape: [batch, 3], dtype: .int32, ints: [4, 1, 0, 2, 5, 3])
    let lengths = try Tensor(shape: [batch], dtype: .int32, ints: [6, 9])
    let scale = 1 / Float(d).squareRoot()
    let out = try MS.pagedAttention(
      query: query, keyCache: keyCache, valueCache: valueCache, blockTables: tables, contextLens: lengths, scale: scale)
    #expect(out.shape == [batch, heads, d])
    let kc = keyCache.toFloatArray(), vc = valueCache.toFloatArray(), q = query.toFloatArray(), o = out.toFloatArray()
    let table = tables.toIntArray()
    for b in 0..<batch {
      for h in 0..<heads {
        let kvh = h / (heads / kvHeads)
        var keys = [[Float]](), values = [[Float]]()
        for t in 0..<[6, 9][b] {
          let slot = table[b * 3 + t / blockSize] * blockSize + t % blockSize
          let base = (slot * kvHeads + kvh) * d
          keys.append(Array(kc[base..<base + d]))
          values.append(Array(vc[base..<base + d]))
        }
        let expected = referenceAttention(Array(q[(b * heads + h) * d..<(b * heads + h + 1) * d]), keys: keys, values: values, scale: scale)
        #expect(close(Array(o[(b * heads + h) * d..<(b * heads + h + 1) * d]), expected, tolerance: 1e-5))
      }
    }
    let halfOut = try MS.pagedAttention(
      query: query.cast(to: .float16), keyCache: keyCache.cast(to: .float16), valueCache: valueCache.cast(to: .float16),
      blockTables: tables, contextLens: lengths, scale: scale)
    #expect(halfOut.dtype == .float16 && close(halfOut.toFloatArray(), o, tolerance: 1e-2))
    #expect(throws: MSError.self) {
      try MS.pagedAttention(
        query: query, keyCache: keyCache, valueCache: valueCache, blockTables: tables,
        contextLens: Tensor(shape: [batch], dtype: .int32, ints: [6, 13]), scale: scale)
    }
    #expect(throws: MSError.self) {
      try MS.pagedAttention(
        query: query, keyCache: keyCache, valueCache: valueCache,
        blockTables: Tensor(shape: [batch, 3], dtype: .int32, ints: [4, 1, 0, 2, 9, 3]), contextLens: lengths, scale: scale)
    }
  }

  struct MaskCase: Sendable, CustomStringConvertible {
    let sparseMode: Int, pre: Int, next: Int
    let softCap: Float?
    let allowed: @Sendable (_ i: Int, _ j: Int, _ qLen: Int, _ kLen: Int) -> Bool
    var description: String { "sparse_mode \(sparseMode) pre \(pre) next \(next) softcap \(softCap ?? 0)" }
  }

  @Test(arguments: [
    MaskCase(sparseMode: 0, pre: Int(Int32.max), next: Int(Int32.max), softCap: nil) { _, _, _, _ in true },
    MaskCase(sparseMode: 3, pre: Int(Int32.max), next: 0, softCap: nil) { i, j, q, k in j <= i + k - q },
    MaskCase(sparseMode: 2, pre: Int(Int32.max), next: 0, softCap: 30) { i, j, _, _ in j <= i },
    MaskCase(sparseMode: 4, pre: 2, next: 0, softCap: nil) { i, j, q, k in j <= i + k - q && i + k - q - j <= 2 },
  ])
  func flashAttentionMatchesMaskedReference(_ c: MaskCase) throws {
    let (heads, kvHeads, d) = (4, 2, 8)
    let qLens = [3, 5], kLens = [3, 7]
    let query = try random([8, heads, d], seed: 11), key = try random([10, kvHeads, d], seed: 12)
    let value = try random([10, kvHeads, d], seed: 13)
    let out = try MS.flashAttentionScore(
      query: query, key: key, value: value, actualSeqQLen: [3, 8], actualSeqKVLen: [3, 10], scale: 0.3,
      preTokens: c.pre, nextTokens: c.next, sparseMode: c.sparseMode, softCap: c.softCap)
    let q = query.toFloatArray(), k = key.toFloatArray(), v = value.toFloatArray(), o = out.toFloatArray()
    var qStart = 0, kStart = 0
    for s in 0..<2 {
      for i in 0..<qLens[s] {
        for h in 0..<heads {
          let kvh = h / 2
          var keys = [[Float]](), values = [[Float]]()
          for j in 0..<kLens[s] where c.allowed(i, j, qLens[s], kLens[s]) {
            let base = ((kStart + j) * kvHeads + kvh) * d
            keys.append(Array(k[base..<base + d]))
            values.append(Array(v[base..<base + d]))
          }
          let row = ((qStart + i) * heads + h) * d
          let expected = referenceAttention(Array(q[row..<row + d]), keys: keys, values: values, scale: 0.3, softCap: c.softCap)
          #expect(close(Array(o[row..<row + d]), expected, tolerance: 1e-5))
        }
      }
      qStart += qLens[s]
      kStart += kLens[s]
    }
  }

  @Test func flashAttentionRejectsBadLengths() throws {
    let q = try random([4, 2, 8], seed: 1)
    // Extreme windows are clamped, not overflowed: nothing visible gives zeros.
    let nothing = try MS.flashAttentionScore(
      query: q, key: q, value: q, actualSeqQLen: [4], actualSeqKVLen: [4], scale: 1, preTokens: Int.min, nextTokens: Int.min)
    #expect(nothing.toFloatArray().allSatisfy { $0 == 0 })
    #expect(throws: MSError.self) {
      try MS.flashAttentionScore(query: q, key: q, value: q, actualSeqQLen: [2, 3], actualSeqKVLen: [2, 3], scale: 1)
    }
    #expect(throws: MSError.self) {
      try MS.flashAttentionScore(query: q, key: q, value: q, actualSeqQLen: [3, 2, 4], actualSeqKVLen: [3, 2, 4], scale: 1)
    }
    #expect(throws: MSError.self) {
      try MS.flashAttentionScore(query: q, key: q, value: q, actualSeqQLen: [4], actualSeqKVLen: [4], scale: 1, sparseMode: 1)
    }
  }
}
