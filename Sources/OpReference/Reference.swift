import Foundation

/// Reference semantics of vLLM's custom ops, following their `forward_native`s and kernel
/// contracts: inputs are values already rounded to `dtype`, arithmetic is float32, outputs are
/// rounded where vLLM rounds them.
public enum Reference {}

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

extension Reference {
  /// The activation of a gated `*_and_mul` op.
  public enum GatedActivation: String, Sendable, CaseIterable {
    case silu
    case gelu
    case geluTanh = "gelu_tanh"

    func apply(_ x: Float) -> Float {
      switch self {
      case .silu: return x / (1 + exp(-x))
      case .gelu: return 0.5 * x * (1 + erf(x / Float(2).squareRoot()))
      case .geluTanh:
        let c = (2 / Float.pi).squareRoot()
        return 0.5 * x * (1 + tanh(c * (x + 0.044715 * x * x * x)))
      }
    }
  }

  /// `silu_and_mul` / `gelu_and_mul` / `gelu_tanh_and_mul(out, x)`: x is `[..., 2d]`, the
  /// result `[..., d]` is `round(round(act(x[..., :d])) · x[..., d:])`.
  public static func gatedActivation(_ activation: GatedActivation, x: RefTensor, dtype: FloatType) -> RefTensor {
    let d = x.lastDim / 2
    var shape = x.shape
    shape[shape.count - 1] = d
    var out = RefTensor.zeros(shape)
    for row in 0..<x.rows {
      for j in 0..<d {
        let gate = dtype.round(activation.apply(x.values[row * 2 * d + j]))
        out.values[row * d + j] = dtype.round(gate * x.values[row * 2 * d + d + j])
      }
    }
    return out
  }
}
