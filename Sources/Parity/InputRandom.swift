import MSRuntime
import OpReference

/// Seeded, platform-independent inputs for the parity cases.
struct InputRandom {
  private var generator: SeededGenerator

  init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

  /// Normal values scaled by `scale`, rounded to `dtype`.
  mutating func normal(_ shape: [Int], dtype: FloatType, scale: Float = 1, mean: Float = 0) -> RefTensor {
    let count = shape.reduce(1, *)
    let values = (0..<count).map { _ in dtype.round(mean + scale * Float(generator.nextGaussian())) }
    return RefTensor(shape: shape, values: values)
  }

  /// A uniform integer in `range`.
  mutating func int(in range: Range<Int>) -> Int {
    range.lowerBound + Int(generator.next() % UInt64(range.count))
  }

  /// A random permutation of `0..<count`.
  mutating func permutation(_ count: Int) -> [Int] {
    var items = Array(0..<count)
    for i in stride(from: count - 1, to: 0, by: -1) {
      items.swapAt(i, int(in: 0..<(i + 1)))
    }
    return items
  }

  /// Rows of well-separated logits: each row a shuffled grid `spacing · (k − count / 2)` plus
  /// a little noise, so top-k choices do not hinge on rounding in half precision.
  mutating func separatedLogits(rows: Int, count: Int, spacing: Float, dtype: FloatType) -> RefTensor {
    var values: [Float] = []
    values.reserveCapacity(rows * count)
    for _ in 0..<rows {
      for k in permutation(count) {
        let noise = Float(generator.nextGaussian()) * spacing * 0.05
        values.append(dtype.round(spacing * (Float(k) - Float(count / 2)) + noise))
      }
    }
    return RefTensor(shape: [rows, count], values: values)
  }
}

extension RefTensor {
  /// The runtime tensor of these values in `dtype`.
  func tensor(_ dtype: DType) throws -> Tensor { try Tensor(shape: shape, dtype: dtype, values: values) }

  /// The runtime tensor as an argument value.
  func value(_ dtype: DType) throws -> Value { .tensor(try tensor(dtype)) }
}

/// An integer tensor argument.
func intValue(_ values: [Int], shape: [Int], dtype: DType = .int64) throws -> Value {
  .tensor(try Tensor(shape: shape, dtype: dtype, ints: values))
}
