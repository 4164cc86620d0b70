extension Tensor {
  /// Creates a contiguous tensor from row-major values, rounded (floats) or truncated toward
  /// zero (integers) to `dtype`.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - dtype: The element type.
  ///   - values: `shape.reduce(1, *)` values in row-major order.
  /// - Throws: ``MSError`` when the shape is invalid or the count does not match it.
  public init(shape: [Int], dtype: DType = .float32, values: [Float]) throws(MSError) {
    try Tensor.validate(shape: shape, op: "tensor")
    let expected = shape.reduce(1, *)
    guard values.count == expected else {
      throw .shape("tensor", "\(values.count) values given for shape \(shape) (\(expected) elements)")
    }
    self = values.withUnsafeBufferPointer { source in
      Tensor.make(shape, dtype: dtype) { out in
        if let base = source.baseAddress, let target = out.baseAddress { target.update(from: base, count: source.count) }
      }
    }
  }

  /// Creates a contiguous integer (or bool) tensor from row-major values, saturating to `dtype`.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - dtype: The element type, `int64` by default.
  ///   - ints: `shape.reduce(1, *)` values in row-major order.
  /// - Throws: ``MSError`` when the shape is invalid or the count does not match it.
  public init(shape: [Int], dtype: DType = .int64, ints: [Int]) throws(MSError) {
    try Tensor.validate(shape: shape, op: "tensor")
    let expected = shape.reduce(1, *)
    guard ints.count == expected else {
      throw .shape("tensor", "\(ints.count) values given for shape \(shape) (\(expected) elements)")
    }
    self = Tensor.makeInts(shape, dtype: dtype, ints)
  }

  /// Creates a 0-dimensional tensor.
  /// - Parameters:
  ///   - scalar: The value.
  ///   - dtype: The element type.
  public init(scalar: Float, dtype: DType = .float32) {
    self = Tensor.make([], dtype: dtype) { $0[0] = scalar }
  }

  /// A tensor of zeros.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - dtype: The element type.
  /// - Throws: ``MSError`` when the shape is invalid.
  public static func zeros(_ shape: [Int], dtype: DType = .float32) throws(MSError) -> Tensor {
    try validate(shape: shape, op: "zeros")
    return Tensor(uninitialized: shape, dtype: dtype, zeroed: true)
  }

  /// A tensor filled with one value, rounded to `dtype`.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - value: The fill value.
  ///   - dtype: The element type.
  /// - Throws: ``MSError`` when the shape is invalid.
  public static func full(_ shape: [Int], value: Float, dtype: DType = .float32) throws(MSError) -> Tensor {
    try validate(shape: shape, op: "full")
    return make(shape, dtype: dtype) { $0.update(repeating: value) }
  }

  /// Standard normal samples (SplitMix64 + Box–Muller), times `std`, plus `mean`, rounded to
  /// `dtype`; the same seed gives the same tensor on every platform.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - dtype: A floating-point element type.
  ///   - mean: The mean.
  ///   - std: The standard deviation.
  ///   - seed: The generator seed.
  /// - Throws: ``MSError`` when the shape is invalid.
  public static func randn(
    _ shape: [Int], dtype: DType = .float32, mean: Float = 0, std: Float = 1, seed: UInt64
  ) throws(MSError) -> Tensor {
    try validate(shape: shape, op: "randn")
    var generator = SeededGenerator(seed: seed)
    return make(shape, dtype: dtype) { out in
      for i in out.indices { out[i] = mean + std * Float(generator.nextGaussian()) }
    }
  }

  /// Uniform samples in [`low`, `high`) from SplitMix64, rounded to `dtype`; integer dtypes
  /// truncate toward zero.
  /// - Parameters:
  ///   - shape: The dimensions.
  ///   - dtype: The element type.
  ///   - low: The lower bound.
  ///   - high: The upper bound.
  ///   - seed: The generator seed.
  /// - Throws: ``MSError`` when the shape is invalid.
  public static func uniform(
    _ shape: [Int], dtype: DType = .float32, low: Float = 0, high: Float = 1, seed: UInt64
  ) throws(MSError) -> Tensor {
    try validate(shape: shape, op: "uniform")
    var generator = SeededGenerator(seed: seed)
    let span = Double(high) - Double(low)
    return make(shape, dtype: dtype) { out in
      for i in out.indices { out[i] = Float(Double(low) + span * generator.nextUnit()) }
    }
  }

  /// `0, 1, …, count-1` as a 1-D tensor.
  /// - Parameters:
  ///   - count: The number of elements.
  ///   - dtype: The element type, `int64` by default.
  /// - Throws: ``MSError`` when `count` is negative.
  public static func arange(_ count: Int, dtype: DType = .int64) throws(MSError) -> Tensor {
    try validate(shape: [count], op: "arange")
    return makeInts([count], dtype: dtype, Array(0..<count))
  }
}
