extension MS {
  /// Writes each token's key and value into the paged caches at its slot
  /// (`reshape_and_cache` of vLLM-MindSpore, ND layout). Slot `s` is row `s % block_size` of
  /// block `s / block_size`; slot `-1` (padding) is skipped. A cache may be any strided view —
  /// a permute of another paged layout, its trailing dimensions split (`head_size` as
  /// `[head_size / x, x]`) — and is written through its strides, in place when uniquely owned,
  /// otherwise after a copy of its buffer; nothing is written when an argument is bad.
  /// See https://www.hiascend.com/document/detail/zh/canncommercial/800/apiref/ascendtbapi/ascendtb_01_0073.html
  /// - Parameters:
  ///   - key: `[tokens, kv_heads, head_size]` or `[tokens, kv_heads * head_size]`.
  ///   - value: Like `key`, for `valueCache`.
  ///   - keyCache: `[num_blocks, block_size, kv_heads, head_size]`.
  ///   - valueCache: `[num_blocks, block_size, kv_heads, head_size_v]`.
  ///   - slotMapping: `[tokens]` integer slots.
  /// - Throws: ``MSError`` on mismatched shapes or a slot out of range.
  public static func reshapeAndCache(
    key: Tensor, value: Tensor, keyCache: inout Tensor, valueCache: inout Tensor, slotMapping: Tensor
  ) throws(MSError) {
    let slots = try cacheSlots(key, keyCache, slotMapping)
    _ = try cacheSlots(value, valueCache, slotMapping)
    writeRows(key, into: &keyCache, slots: slots)
    writeRows(value, into: &valueCache, slots: slots)
  }

  /// Writes keys only (for caches without a separate value cache, as MLA's latent cache).
  /// - Parameters:
  ///   - key: `[tokens, kv_heads, head_size]` or `[tokens, kv_heads * head_size]`.
  ///   - keyCache: `[num_blocks, block_size, kv_heads, head_size]`.
  ///   - slotMapping: `[tokens]` integer slots, `-1` skipped.
  /// - Throws: ``MSError`` on mismatched shapes or a slot out of range.
  public static func reshapeAndCache(key: Tensor, keyCache: inout Tensor, slotMapping: Tensor) throws(MSError) {
    let slots = try cacheSlots(key, keyCache, slotMapping)
    writeRows(key, into: &keyCache, slots: slots)
  }

  /// Validates one source/cache pair and returns the slots.
  private static func cacheSlots(_ source: Tensor, _ cache: Tensor, _ slotMapping: Tensor) throws(MSError) -> [Int] {
    let op = "reshape_and_cache"
    guard cache.rank >= 3 else { throw .shape(op, "cache must be [num_blocks, block_size, ...], got \(cache.shape)") }
    guard !slotMapping.dtype.isFloatingPoint, slotMapping.rank == 1 else {
      throw .argument(op, "slot_mapping must be a 1-D integer tensor, got \(slotMapping.dtype) \(slotMapping.shape)")
    }
    let tokens = slotMapping.shape[0]
    let rowSize = cache.shape[2...].reduce(1, *)
    guard source.rank >= 1, source.shape[0] == tokens, source.count == tokens * rowSize else {
      throw .shape(op, "\(source.shape) does not hold \(tokens) rows of \(rowSize) for cache \(cache.shape)")
    }
    let capacity = cache.shape[0] * cache.shape[1]
    let slots = slotMapping.toIntArray()
    for slot in slots where slot < -1 || slot >= capacity {
      throw .argument(op, "slot \(slot) is out of range for \(capacity) cache slots")
    }
    return slots
  }

  /// Stores each token's row of `source` at its slot of `cache`, through the cache's strides:
  /// a permuted view of another layout is written in place (after copy-on-write).
  private static func writeRows(_ source: Tensor, into cache: inout Tensor, slots: [Int]) {
    cache.makeUnique()
    let target = cache
    let blockSize = target.shape[1]
    // The storage position of each element of a row, relative to the start of its slot.
    var positions = [0]
    for (size, stride) in zip(target.shape[2...], target.strides[2...]) {
      positions = positions.flatMap { base in (0..<size).map { base + $0 * stride } }
    }
    let rowSize = positions.count
    let isDense = positions.indices.allSatisfy { positions[$0] == $0 }
    func slotStart(_ slot: Int) -> Int {
      target.offset + slot / blockSize * target.strides[0] + slot % blockSize * target.strides[1]
    }
    /// Copies the rows as elements of the dtype's width.
    func copyRows<T>(as _: T.Type) {
      let src = source.contiguous()
      let from = UnsafeRawPointer(src.storage.bytes).assumingMemoryBound(to: T.self) + src.offset
      let to = target.storage.bytes.assumingMemoryBound(to: T.self)
      Parallel.chunks(slots.count, cost: 2 * rowSize * MemoryLayout<T>.stride) { range in
        for token in range where slots[token] >= 0 {
          let row = from + token * rowSize, start = to + slotStart(slots[token])
          if isDense {
            start.update(from: row, count: rowSize)
          } else {
            for i in 0..<rowSize { start[positions[i]] = row[i] }
          }
        }
      }
    }
    guard source.dtype == target.dtype else {
      source.withFloats { values in
        for (token, slot) in slots.enumerated() where slot >= 0 {
          let start = slotStart(slot)
          for i in 0..<rowSize { target.storeFloat(values[token * rowSize + i], at: start + positions[i]) }
        }
      }
      return
    }
    switch target.dtype.byteWidth {
    case 8: copyRows(as: UInt64.self)
    case 4: copyRows(as: UInt32.self)
    case 2: copyRows(as: UInt16.self)
    default: copyRows(as: UInt8.self)
    }
  }
}
