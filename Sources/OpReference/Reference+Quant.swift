extension Reference {
  /// The result of `scaled_int8_quant`.
  public struct Int8Quantized: Hashable, Sendable {
    /// The int8 values, same shape as the input.
    public var values: RefTensor
    /// float32 scales: `[num_tokens, 1]` when dynamic, `[1]` when static.
    public var scales: RefTensor
  }

  /// `scaled_int8_quant(input, scale, azp=None, symmetric=True)`.
  ///
  /// Static (`scale` given): `q = rne(x / scale)`. Dynamic per token: `scale = absmax / 127`,
  /// `q = rne(x · 127 / absmax)` (0 for an all-zero row). Round half to even, clamp to
  /// [−128, 127], as the CUDA kernel's `float_to_int8_rn`.
  public static func scaledInt8Quant(input: RefTensor, scale: Float?) -> Int8Quantized {
    var q = input
    if let scale {
      q.values = input.values.map { int8Round($0 / scale) }
      return Int8Quantized(values: q, scales: RefTensor(shape: [1], values: [scale]))
    }
    let width = input.lastDim
    var scales = RefTensor.zeros([input.rows, 1])
    for row in 0..<input.rows {
      let slice = row * width..<(row + 1) * width
      let absmax = input.values[slice].reduce(Float(0)) { max($0, abs($1)) }
      scales.values[row] = absmax / 127
      let inverse = absmax == 0 ? 0 : 127 / absmax
      for i in slice { q.values[i] = int8Round(input.values[i] * inverse) }
    }
    return Int8Quantized(values: q, scales: scales)
  }

  static func int8Round(_ x: Float) -> Float {
    min(127, max(-128, x.rounded(.toNearestOrEven)))
  }
}
