extension Reference {
  /// `rotary_embedding(positions, query, key, head_size, cos_sin_cache, is_neox)`, in place.
  ///
  /// `query`/`key` are `[num_tokens, heads · head_size]` (or `[num_tokens, heads, head_size]`);
  /// `cos_sin_cache` is `[max_position, rot_dim]`, cos in the first half of each row and sin
  /// in the second. Only the first `rot_dim` elements of each head rotate (partial rotary).
  /// NeoX style rotates the two halves against each other, GPT-J style interleaved pairs.
  public static func rotaryEmbedding(
    positions: [Int], query: inout RefTensor, key: inout RefTensor?, headSize: Int,
    cosSinCache: RefTensor, isNeox: Bool, dtype: FloatType
  ) {
    rotate(&query.values, positions: positions, headSize: headSize, cache: cosSinCache, isNeox: isNeox, dtype: dtype)
    if var k = key {
      rotate(&k.values, positions: positions, headSize: headSize, cache: cosSinCache, isNeox: isNeox, dtype: dtype)
      key = k
    }
  }

  private static func rotate(
    _ values: inout [Float], positions: [Int], headSize: Int, cache: RefTensor, isNeox: Bool, dtype: FloatType
  ) {
    let rotDim = cache.lastDim
    let half = rotDim / 2
    guard !positions.isEmpty, headSize > 0 else { return }
    let perToken = values.count / positions.count
    for (t, pos) in positions.enumerated() {
      let row = pos * rotDim
      for head in 0..<(perToken / headSize) {
        let base = t * perToken + head * headSize
        for i in 0..<half {
          let cos = dtype.round(cache.values[row + i])
          let sin = dtype.round(cache.values[row + half + i])
          let (i1, i2) = isNeox ? (base + i, base + half + i) : (base + 2 * i, base + 2 * i + 1)
          let x1 = values[i1]
          let x2 = values[i2]
          values[i1] = dtype.round(x1 * cos - x2 * sin)
          values[i2] = dtype.round(x2 * cos + x1 * sin)
        }
      }
    }
  }
}
