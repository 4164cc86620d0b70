import CMSKernels

extension MS {
  /// Decode attention over paged KV caches (`mindspore.ops.paged_attention`, ND cache layout):
  /// each sequence's single query attends to its first `context_lens[b]` cached tokens, found
  /// through its block table. Query heads share KV heads in groups (GQA).
  /// See https://www.hiascend.com/document/detail/zh/canncommercial/80RC2/apiref/ascendtbapi/ascendtb_01_0070.html
  /// - Parameters:
  ///   - query: `[batch, num_heads, head_size]`.
  ///   - keyCache: `[num_blocks, block_size, kv_heads, head_size]`.
  ///   - valueCache: `[num_blocks, block_size, kv_heads, head_size_v]`.
  ///   - blockTables: `[batch, max_blocks]` integer block ids.
  ///   - contextLens: `[batch]` token counts.
  ///   - scale: The score scale, usually `1/sqrt(head_size)`.
  /// - Returns: `[batch, num_heads, head_size_v]` in the query's dtype (zeros for an empty
  ///   context).
  /// - Throws: ``MSError`` on mismatched shapes, a context longer than its blocks or a block id
  ///   out of range.
  public static func pagedAttention(
    query: Tensor, keyCache: Tensor, valueCache: Tensor, blockTables: Tensor, contextLens: Tensor, scale: Float
  ) throws(MSError) -> Tensor {
    let op = "paged_attention"
    guard query.rank == 3, keyCache.rank == 4, valueCache.rank == 4 else {
      throw .shape(op, "need query [B, H, D] and caches [blocks, block_size, kv_heads, D], got \(query.shape), \(keyCache.shape), \(valueCache.shape)")
    }
    let (batch, heads, d) = (query.shape[0], query.shape[1], query.shape[2])
    let (blocks, blockSize, kvHeads) = (keyCache.shape[0], keyCache.shape[1], keyCache.shape[2])
    let dv = valueCache.shape[3]
    guard keyCache.shape[3] == d, Array(valueCache.shape.prefix(3)) == Array(keyCache.shape.prefix(3)) else {
      throw .shape(op, "caches \(keyCache.shape) and \(valueCache.shape) do not match the query \(query.shape)")
    }
    guard kvHeads > 0, heads % kvHeads == 0 else { throw .shape(op, "\(heads) query heads are not a multiple of \(kvHeads) kv heads") }
    guard blockTables.rank == 2, blockTables.shape[0] == batch, contextLens.shape == [batch],
      !blockTables.dtype.isFloatingPoint, !contextLens.dtype.isFloatingPoint
    else {
      throw .shape(op, "need integer block_tables [\(batch), max_blocks] and context_lens [\(batch)], got \(blockTables.shape) and \(contextLens.shape)")
    }
    let maxBlocks = blockTables.shape[1]
    let table = blockTables.toIntArray(), lengths = contextLens.toIntArray()
    for b in 0..<batch {
      guard lengths[b] >= 0, lengths[b] <= maxBlocks * blockSize else {
        throw .argument(op, "context length \(lengths[b]) of sequence \(b) exceeds \(maxBlocks) blocks of \(blockSize)")
      }
      let used = (lengths[b] + blockSize - 1) / Swift.max(blockSize, 1)
      for id in table[(b * maxBlocks)..<(b * maxBlocks + used)] where id < 0 || id >= blocks {
        throw .argument(op, "block id \(id) of sequence \(b) is out of range for \(blocks) blocks")
      }
    }
    let keys = CacheReader(keyCache), values = CacheReader(valueCache)
    let group = heads / kvHeads
    return query.withFloats { q in
      Tensor.make([batch, heads, dv], dtype: query.dtype.isFloatingPoint ? query.dtype : .float32) { out in
        guard let qp = q.baseAddress, let op = out.baseAddress else { return }
        let averageLength = lengths.reduce(0, +) / Swift.max(batch, 1)
        Parallel.chunks(batch * kvHeads, cost: averageLength &* (d + dv) &* 4) { items in
          let scores = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(group * (lengths.max() ?? 0), 1))
          let rows = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(blockSize * Swift.max(d, dv), 1))
          defer {
            scores.deallocate()
            rows.deallocate()
          }
          for item in items {
            let b = item / kvHeads, kvh = item % kvHeads, n = lengths[b]
            let qBase = qp + (b * heads + kvh * group) * d, oBase = op + (b * heads + kvh * group) * dv
            oBase.update(repeating: 0, count: group * dv)
            if n == 0 { continue }
            // Block by block: a block's rows for one KV head are evenly spaced in the cache.
            for first in stride(from: 0, to: n, by: blockSize) {
              let block = table[b * maxBlocks + first / blockSize], count = Swift.min(blockSize, n - first)
              let (k, kStride) = keys.rows(block: block, head: kvh, count: count, scratch: rows)
              for r in 0..<count { ms_group_scores(qBase, group, k + r * kStride, d, scale, scores + first + r, n) }
            }
            for g in 0..<group { softmaxRow(scores + g * n, scores + g * n, n) }
            for first in stride(from: 0, to: n, by: blockSize) {
              let block = table[b * maxBlocks + first / blockSize], count = Swift.min(blockSize, n - first)
              let (v, vStride) = values.rows(block: block, head: kvh, count: count, scratch: rows)
              ms_group_accumulate_rows(scores + first, n, v, vStride, count, dv, group, oBase)
            }
          }
        }
      }
    }
  }

  /// Prefill attention over a ragged batch in TND layout (`mindspore.ops.flash_attention_score`
  /// with `input_layout="TND"`). Sequence `b` owns query rows
  /// `actualSeqQLen[b-1]..<actualSeqQLen[b]` and key rows likewise from `actualSeqKVLen`
  /// (cumulative lengths). Query row `i` may see key row `j` when
  /// `-preTokens <= j - (i + shift) <= nextTokens`, where `shift` is 0 for `sparseMode` 0 and 2
  /// (top-left aligned) and `kvLen - qLen` for 3 and 4 (bottom-right aligned); modes 2 and 3
  /// are causal (`nextTokens` forced to 0). A sliding window of `w` tokens is `sparseMode` 4
  /// with `preTokens = w - 1`, `nextTokens = 0`. Logits are `scale · q·k`, then
  /// `softCap · tanh(logit / softCap)` when a soft-cap is given (as Gemma-2's attention).
  /// See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.flash_attention_score.html
  /// - Parameters:
  ///   - query: `[T1, N1, D]`.
  ///   - key: `[T2, N2, D]`, `N1` a multiple of `N2`.
  ///   - value: `[T2, N2, Dv]`.
  ///   - actualSeqQLen: Cumulative query lengths, one per sequence.
  ///   - actualSeqKVLen: Cumulative key lengths, one per sequence.
  ///   - scale: The logit scale (`scalar_value`).
  ///   - preTokens: How far back a query may look.
  ///   - nextTokens: How far ahead a query may look.
  ///   - sparseMode: 0, 2, 3 or 4 as above.
  ///   - softCap: The logit soft-cap, or `nil`.
  /// - Returns: `[T1, N1, Dv]` in the query's dtype; rows that see no key are zero.
  /// - Throws: ``MSError`` on mismatched shapes, lengths or an unsupported mode.
  public static func flashAttentionScore(
    query: Tensor, key: Tensor, value: Tensor, actualSeqQLen: [Int], actualSeqKVLen: [Int], scale: Float,
    preTokens: Int = Int(Int32.max), nextTokens: Int = Int(Int32.max), sparseMode: Int = 0, softCap: Float? = nil
  ) throws(MSError) -> Tensor {
    let op = "flash_attention_score"
    guard query.rank == 3, key.rank == 3, value.rank == 3 else {
      throw .shape(op, "TND layout needs rank-3 query, key and value, got \(query.shape), \(key.shape), \(value.shape)")
    }
    let (t1, heads, d) = (query.shape[0], query.shape[1], query.shape[2])
    let (t2, kvHeads, dv) = (key.shape[0], key.shape[1], value.shape[2])
    guard key.shape[2] == d, value.shape[0] == t2, value.shape[1] == kvHeads else {
      throw .shape(op, "key \(key.shape) and value \(value.shape) do not match query \(query.shape)")
    }
    guard kvHeads > 0, heads % kvHeads == 0 else { throw .shape(op, "\(heads) query heads are not a multiple of \(kvHeads) kv heads") }
    guard [0, 2, 3, 4].contains(sparseMode) else { throw .argument(op, "sparse_mode \(sparseMode) is not supported (0, 2, 3, 4)") }
    guard actualSeqQLen.count == actualSeqKVLen.count, actualSeqQLen.last ?? 0 == t1, actualSeqKVLen.last ?? 0 == t2,
      zip(actualSeqQLen, actualSeqQLen.dropFirst()).allSatisfy({ $0 <= $1 }),
      zip(actualSeqKVLen, actualSeqKVLen.dropFirst()).allSatisfy({ $0 <= $1 }),
      (actualSeqQLen.first ?? 0) >= 0, (actualSeqKVLen.first ?? 0) >= 0
    else {
      throw .shape(op, "cumulative lengths \(actualSeqQLen) / \(actualSeqKVLen) do not end at \(t1) / \(t2) tokens")
    }
    if let softCap, !(softCap > 0) { throw .argument(op, "softcap must be positive, got \(softCap)") }
    let next = sparseMode == 2 || sparseMode == 3 ? 0 : nextTokens
    let pre = sparseMode == 2 || sparseMode == 3 ? Int(Int32.max) : preTokens
    let bottomRight = sparseMode == 3 || sparseMode == 4
    let group = heads / kvHeads
    let sequences = actualSeqQLen.count
    let kf = key.asFloat32().contiguous(), vf = value.asFloat32().contiguous()
    let kp = UnsafePointer(kf.floatPointer + kf.offset), vp = UnsafePointer(vf.floatPointer + vf.offset)
    let chunkRows = 256
    return query.withFloats { q in
      Tensor.make([t1, heads, dv], dtype: query.dtype.isFloatingPoint ? query.dtype : .float32) { out in
        guard let qp = q.baseAddress, let op = out.baseAddress, out.count > 0 else { return }
        op.update(repeating: 0, count: out.count)
        let longest = zip(actualSeqKVLen, [0] + actualSeqKVLen).map { $0 - $1 }.max() ?? 0
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(chunkRows * longest, 1))
        defer { scores.deallocate() }
        for s in 0..<sequences {
          let qStart = s == 0 ? 0 : actualSeqQLen[s - 1], qLen = actualSeqQLen[s] - qStart
          let kStart = s == 0 ? 0 : actualSeqKVLen[s - 1], kLen = actualSeqKVLen[s] - kStart
          let shift = bottomRight ? kLen - qLen : 0
          // Visible keys of query row i: lo(i)...hi(i), both non-decreasing in i.
          let bound = kLen + qLen
          let back = Swift.min(Swift.max(pre, -bound), bound), ahead = Swift.min(Swift.max(next, -bound), bound)
          func window(_ i: Int) -> (Int, Int) {
            let centre = i + shift
            return (Swift.max(0, centre - back), Swift.min(kLen - 1, centre + ahead))
          }
          for h in 0..<heads {
            let kvh = h / group
            for first in stride(from: 0, to: qLen, by: chunkRows) {
              let rows = Swift.min(chunkRows, qLen - first)
              let keyLo = window(first).0, keyHi = window(first + rows - 1).1
              if keyLo > keyHi || d == 0 || dv == 0 { continue }
              let width = keyHi - keyLo + 1
              // scores[rows, width] = scale · Q Kᵀ over the chunk's key window.
              sgemm(
                transposeA: false, transposeB: true, m: rows, n: width, k: d, alpha: scale,
                qp + ((qStart + first) * heads + h) * d, lda: heads * d,
                kp + ((kStart + keyLo) * kvHeads + kvh) * d, ldb: kvHeads * d, beta: 0, scores, ldc: width)
              Parallel.chunks(rows, cost: 8 * width) { range in
                for r in range {
                  let row = scores + r * width
                  let (lo, hi) = window(first + r)
                  if lo > hi {
                    row.update(repeating: 0, count: width)
                    continue
                  }
                  if let softCap { ms_softcap(row + (lo - keyLo), hi - lo + 1, softCap) }
                  softmaxRow(row + (lo - keyLo), row + (lo - keyLo), hi - lo + 1)
                  if lo > keyLo { row.update(repeating: 0, count: lo - keyLo) }
                  if hi < keyHi { (row + (hi - keyLo + 1)).update(repeating: 0, count: keyHi - hi) }
                }
              }
              // out rows = P · V over the same window.
              sgemm(
                transposeA: false, transposeB: false, m: rows, n: dv, k: width, alpha: 1, scores, lda: width,
                vp + ((kStart + keyLo) * kvHeads + kvh) * dv, ldb: kvHeads * dv, beta: 0,
                op + ((qStart + first) * heads + h) * dv, ldc: heads * dv)
            }
          }
        }
      }
    }
  }
}

/// Reads rows of a paged cache `[blocks, block_size, kv_heads, size]` as `float32`, in place
/// when the cache already is.
struct CacheReader {
  let tensor: Tensor
  let heads: Int, blockSize: Int, rowSize: Int

  init(_ cache: Tensor) {
    tensor = cache.contiguous()
    (blockSize, heads, rowSize) = (cache.shape[1], cache.shape[2], cache.shape[3])
  }

  /// The first `count` rows of `block` for KV head `head` and the distance between them;
  /// `scratch` (at least `count * rowSize` floats) holds converted rows.
  @inline(__always)
  func rows(block: Int, head: Int, count: Int, scratch: UnsafeMutablePointer<Float>) -> (UnsafePointer<Float>, Int) {
    let start = tensor.offset + (block * blockSize * heads + head) * rowSize
    let stride = heads * rowSize
    switch tensor.dtype {
    case .float32: return (UnsafePointer(tensor.floatPointer + start), stride)
    case .float16:
      let p = tensor.storage.bytes.assumingMemoryBound(to: UInt16.self) + start
      for r in 0..<count { ms_f16_to_f32(p + r * stride, scratch + r * rowSize, rowSize) }
    case .bfloat16:
      let p = tensor.storage.bytes.assumingMemoryBound(to: UInt16.self) + start
      for r in 0..<count { ms_bf16_to_f32(p + r * stride, scratch + r * rowSize, rowSize) }
    default:
      for r in 0..<count { for i in 0..<rowSize { scratch[r * rowSize + i] = tensor.loadFloat(start + r * stride + i) } }
    }
    return (UnsafePointer(scratch), rowSize)
  }
}
