extension MS {
  /// Dynamic per-token symmetric int8 quantisation (`mindspore.ops.dynamic_quant`): for each
  /// row (last dimension) of `x` (times `smoothScales` when given), `scale = max|x| / 127` and
  /// `y = clamp(roundHalfEven(x / scale), -128, 127)`; an all-zero row has scale 0 and y 0.
  /// - Parameters:
  ///   - x: `[..., H]`.
  ///   - smoothScales: Optional `[H]` multiplier applied first.
  /// - Returns: `(y, scale)`: `int8` `[..., H]` and `float32` `[...]`.
  /// - Throws: ``MSError`` when `smoothScales` does not match `H`.
  public static func dynamicQuant(_ x: Tensor, smoothScales: Tensor? = nil) throws(MSError) -> (Tensor, Tensor) {
    guard x.rank >= 1 else { throw .shape("dynamic_quant", "x must have rank >= 1") }
    let h = x.shape[x.rank - 1], rows = h == 0 ? 0 : x.count / h
    let smooth = try smoothScales.map { t throws(MSError) in try trailingParameter("dynamic_quant", t, n: h) }
    var values = x.toFloatArray()
    var quantised = [Int](repeating: 0, count: values.count), scales = [Float](repeating: 0, count: rows)
    for row in 0..<rows {
      var absmax: Float = 0
      for i in 0..<h {
        if let smooth { values[row * h + i] *= smooth[i] }
        absmax = Swift.max(absmax, Swift.abs(values[row * h + i]))
      }
      let scale = absmax / 127
      scales[row] = scale
      guard scale > 0 else { continue }
      for i in 0..<h {
        let q = (values[row * h + i] / scale).rounded(.toNearestOrEven)
        quantised[row * h + i] = Int(Swift.min(Swift.max(q, -128), 127))
      }
    }
    return (
      try Tensor(shape: x.shape, dtype: .int8, ints: quantised),
      try Tensor(shape: Array(x.shape.dropLast()), values: scales)
    )
  }

  /// int8 × int8 matrix product with int32 accumulation, dequantised per channel and per token
  /// (`mindspore.ops.quant_batch_matmul`): `out[m, n] = (Σ x1[m, k]·x2[k, n] + bias_int32[n]) ·
  /// scale[n] · pertoken_scale[m] (+ bias[n] when the bias is floating)`, rounded to `dtype`.
  /// - Parameters:
  ///   - x1: `int8` `[M, K]` (or `[K, M]` with `transposeX1`).
  ///   - x2: `int8` `[K, N]` (or `[N, K]` with `transposeX2`).
  ///   - scale: Per-channel scale `[N]` or `[1]`.
  ///   - pertokenScale: Optional per-token scale `[M]`.
  ///   - bias: Optional `[N]`, `int32` (added before scaling) or floating (added after).
  ///   - transposeX1: Whether `x1` is stored transposed.
  ///   - transposeX2: Whether `x2` is stored transposed.
  ///   - dtype: The output dtype.
  /// - Returns: `[M, N]` in `dtype`.
  /// - Throws: ``MSError`` on non-int8 operands or mismatched shapes.
  public static func quantBatchMatmul(
    _ x1: Tensor, _ x2: Tensor, scale: Tensor, pertokenScale: Tensor? = nil, bias: Tensor? = nil,
    transposeX1: Bool = false, transposeX2: Bool = false, dtype: DType = .float16
  ) throws(MSError) -> Tensor {
    let op = "quant_batch_matmul"
    guard x1.dtype == .int8, x2.dtype == .int8 else { throw .dtype(op, "x1 and x2 must be int8, got \(x1.dtype) and \(x2.dtype)") }
    guard x1.rank == 2, x2.rank == 2 else { throw .shape(op, "x1 and x2 must be 2-D, got \(x1.shape) and \(x2.shape)") }
    let a = transposeX1 ? try x1.transpose(0, 1) : x1
    let bT = transposeX2 ? x2 : try x2.transpose(0, 1)  // [N, K]
    let (m, k, n) = (a.shape[0], a.shape[1], bT.shape[0])
    guard bT.shape[1] == k else { throw .shape(op, "x1 \(x1.shape) and x2 \(x2.shape) disagree on K") }
    let channel = scale.toFloatArray()
    guard channel.count == n || channel.count == 1 else { throw .shape(op, "scale \(scale.shape) must have \(n) or 1 entries") }
    let token = pertokenScale?.toFloatArray()
    if let token, token.count != m { throw .shape(op, "pertoken_scale \(pertokenScale?.shape ?? []) must have \(m) entries") }
    if let bias, bias.count != n { throw .shape(op, "bias \(bias.shape) must have \(n) entries") }
    let intBias = bias.flatMap { $0.dtype == .int32 ? $0.toIntArray() : nil }
    let floatBias = bias.flatMap { $0.dtype.isFloatingPoint ? $0.toFloatArray() : nil }
    let left = a.toIntArray().map { Int8(truncatingIfNeeded: $0) }, right = bT.toIntArray().map { Int8(truncatingIfNeeded: $0) }
    return Tensor.make([m, n], dtype: dtype) { out in
      left.withUnsafeBufferPointer { lp in
        right.withUnsafeBufferPointer { rp in
          Parallel.chunks(m, cost: n * k) { rows in
            for i in rows {
              for j in 0..<n {
                var acc: Int32 = 0
                for p in 0..<k { acc &+= Int32(lp[i * k + p]) * Int32(rp[j * k + p]) }
                if let intBias { acc &+= Int32(truncatingIfNeeded: intBias[j]) }
                var v = Float(acc) * channel[channel.count == 1 ? 0 : j]
                if let token { v *= token[i] }
                if let floatBias { v += floatBias[j] }
                out[i * n + j] = v
              }
            }
          }
        }
      }
    }
  }
}
