import Foundation

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
