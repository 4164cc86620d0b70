import Foundation

extension Reference {
  /// The `x` of vLLM's paged key-cache layout: 16 bytes of elements.
  public static func keyCachePack(_ dtype: FloatType) -> Int { 16 / dtype.elementSize }

  /// `reshape_and_cache(key, value, key_cache, value_cache, slot_mapping, "auto", ...)`.
  ///
  /// `key`/`value` are `[num_tokens, num_kv_heads, head_size]`; `key_cache` is
  /// `[num_blocks, num_kv_heads, head_size / x, block_size, x]` with `x = 16 / element size`,
  /// `value_cache` `[num_blocks, num_kv_heads, head_size, block_size]`. Slot −1 is skipped.
  public static func reshapeAndCache(
    key: RefTensor, value: RefTensor, keyCache: inout RefTensor, valueCache: inout RefTensor,
    slotMapping: [Int], blockSize: Int, dtype: FloatType
  ) {
    let heads = key.shape[1]
    let headSize = key.shape[2]
    let x = keyCachePack(dtype)
    for (t, slot) in slotMapping.enumerated() where slot >= 0 {
      let block = slot / blockSize
      let offset = slot % blockSize
      for h in 0..<heads {
        for d in 0..<headSize {
          let source = (t * heads + h) * headSize + d
          let k = (((block * heads + h) * (headSize / x) + d / x) * blockSize + offset) * x + d % x
          let v = ((block * heads + h) * headSize + d) * blockSize + offset
          keyCache.values[k] = key.values[source]
          valueCache.values[v] = value.values[source]
        }
      }
    }
  }

  /// `reshape_and_cache_flash(key, value, key_cache, value_cache, slot_mapping, "auto", ...)`:
  /// both caches `[num_blocks, block_size, num_kv_heads, head_size]`. Slot −1 is skipped.
  public static func reshapeAndCacheFlash(
    key: RefTensor, value: RefTensor, keyCache: inout RefTensor, valueCache: inout RefTensor,
    slotMapping: [Int]
  ) {
    let width = key.shape[1] * key.shape[2]
    for (t, slot) in slotMapping.enumerated() where slot >= 0 {
      let base = slot * width  // block · block_size + offset == slot
      for j in 0..<width {
        keyCache.values[base + j] = key.values[t * width + j]
        valueCache.values[base + j] = value.values[t * width + j]
      }
    }
  }

  /// `paged_attention_v1(out, query, key_cache, value_cache, num_kv_heads, scale,
  /// block_tables, seq_lens, block_size, max_seq_len, None, "auto", ...)`: decode attention of
  /// `query [num_seqs, num_heads, head_size]` over vLLM's paged caches (layouts as in
  /// ``reshapeAndCache(key:value:keyCache:valueCache:slotMapping:blockSize:dtype:)``).
  /// Query heads share KV heads in groups of `num_heads / num_kv_heads`.
  public static func pagedAttentionV1(
    query: RefTensor, keyCache: RefTensor, valueCache: RefTensor, numKVHeads: Int, scale: Float,
    blockTables: [[Int]], seqLens: [Int], blockSize: Int, dtype: FloatType
  ) -> RefTensor {
    let (seqs, heads, headSize) = (query.shape[0], query.shape[1], query.shape[2])
    let x = keyCachePack(dtype)
    let group = heads / numKVHeads
    var out = RefTensor.zeros(query.shape)
    for s in 0..<seqs {
      let length = seqLens[s]
      for h in 0..<heads {
        let kvHead = h / group
        let q = (s * heads + h) * headSize
        var logits = [Float](repeating: 0, count: length)
        for j in 0..<length {
          let block = blockTables[s][j / blockSize]
          let offset = j % blockSize
          var dot: Float = 0
          for d in 0..<headSize {
            let k = (((block * numKVHeads + kvHead) * (headSize / x) + d / x) * blockSize + offset) * x + d % x
            dot += query.values[q + d] * keyCache.values[k]
          }
          logits[j] = dot * scale
        }
        let weights = softmax(logits)
        for d in 0..<headSize {
          var acc: Float = 0
          for j in 0..<length {
            let block = blockTables[s][j / blockSize]
            acc += weights[j] * valueCache.values[((block * numKVHeads + kvHead) * headSize + d) * blockSize + j % blockSize]
          }
          out.values[q + d] = dtype.round(acc)
        }
      }
    }
    return out
  }

  static func softmax(_ logits: [Float]) -> [Float] {
    guard let peak = logits.max() else { return [] }
    let exps = logits.map { expf($0 - peak) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
  }
}
