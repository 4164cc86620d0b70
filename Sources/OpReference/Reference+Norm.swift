extension Reference {
  /// `rms_norm(out, input, weight, epsilon)`: `out = round(round(x · rsqrt(mean(x²) + ε)) · w)`.
  ///
  /// vLLM rounds the normalised row to the input dtype before multiplying by the weight.
  public static func rmsNorm(input: RefTensor, weight: [Float], epsilon: Float, dtype: FloatType) -> RefTensor {
    var out = input
    normalizeRows(&out.values, width: input.lastDim, weight: weight, epsilon: epsilon, dtype: dtype)
    return out
  }

  /// `fused_add_rms_norm(input, residual, weight, epsilon)`, in place:
  /// `residual ← round(input + residual)`, `input ← rms_norm(residual)`.
  public static func fusedAddRmsNorm(
    input: inout RefTensor, residual: inout RefTensor, weight: [Float], epsilon: Float, dtype: FloatType
  ) {
    for i in residual.values.indices {
      residual.values[i] = dtype.round(input.values[i] + residual.values[i])
    }
    input.values = residual.values
    normalizeRows(&input.values, width: input.lastDim, weight: weight, epsilon: epsilon, dtype: dtype)
  }

  private static func normalizeRows(_ values: inout [Float], width: Int, weight: [Float], epsilon: Float, dtype: FloatType) {
    guard width > 0 else { return }
    for start in stride(from: 0, to: values.count, by: width) {
      var sumSquares: Float = 0
      for j in 0..<width { sumSquares += values[start + j] * values[start + j] }
      let scale = 1 / (sumSquares / Float(width) + epsilon).squareRoot()
      for j in 0..<width {
        values[start + j] = dtype.round(dtype.round(values[start + j] * scale) * weight[j])
      }
    }
  }
}
