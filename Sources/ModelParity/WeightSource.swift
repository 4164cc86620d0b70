import MSRuntime
import OpReference

/// Seeded random weights by name: the same name, shape and seed always give the same values,
/// rounded to the run's dtype.
struct WeightSource {
  let seed: UInt64
  let dtype: FloatType

  /// Normal values of standard deviation `scale` around `mean`.
  func normal(_ name: String, _ shape: [Int], scale: Float, mean: Float = 0) -> RefTensor {
    var generator = SeededGenerator(seed: Self.hash(name, seed))
    let count = shape.reduce(1, *)
    return RefTensor(shape: shape, values: (0..<count).map { _ in dtype.round(mean + scale * Float(generator.nextGaussian())) })
  }

  /// A linear weight `[out, in]` with variance `1 / in`.
  func linear(_ name: String, out: Int, in width: Int) -> RefTensor {
    normal(name, [out, width], scale: 1 / Float(width).squareRoot())
  }

  /// A norm weight around 1 (or around 0 for norms that add 1 themselves, folded in here).
  func norm(_ name: String, _ width: Int) -> RefTensor {
    normal(name, [width], scale: 0.1, mean: 1)
  }

  static func hash(_ text: String, _ seed: UInt64) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return hash
  }
}

extension QuantizedWeight {
  /// Symmetric per-output-channel int8 quantisation of `weight [out, in]`.
  init(_ weight: RefTensor) {
    let (rows, width) = (weight.shape[0], weight.shape[1])
    var values = RefTensor.zeros(weight.shape)
    var scales = [Float](repeating: 0, count: rows)
    for r in 0..<rows {
      let row = weight.values[r * width..<(r + 1) * width]
      let absmax = row.reduce(Float(0)) { max($0, abs($1)) }
      scales[r] = absmax / 127
      for i in 0..<width {
        values.values[r * width + i] = absmax == 0 ? 0 : min(127, max(-128, (weight.values[r * width + i] * 127 / absmax).rounded(.toNearestOrEven)))
      }
    }
    self.init(values: values, scales: scales)
  }
}
