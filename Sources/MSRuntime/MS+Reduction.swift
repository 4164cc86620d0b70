extension MS {
  /// Sum over `dim` (all dimensions when `nil`), as `mindspore.mint.sum`.
  /// - Parameters:
  ///   - x: The input.
  ///   - dim: The reduced dimension, or `nil` for all.
  ///   - keepdim: Whether the reduced dimension stays with size 1.
  /// - Throws: ``MSError`` when `dim` is out of range.
  public static func sum(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false) throws(MSError) -> Tensor {
    try reduce("sum", x, dim: dim, keepdim: keepdim) { sumOf($0, $1) }
  }

  /// Mean over `dim` (all dimensions when `nil`), as `mindspore.mint.mean`.
  /// - Parameters:
  ///   - x: The input.
  ///   - dim: The reduced dimension, or `nil` for all.
  ///   - keepdim: Whether the reduced dimension stays with size 1.
  /// - Throws: ``MSError`` when `dim` is out of range.
  public static func mean(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false) throws(MSError) -> Tensor {
    try reduce("mean", x, dim: dim, keepdim: keepdim, floating: true) { sumOf($0, $1) / Float($1) }
  }

  /// Maximum over `dim` with the index of its first occurrence (`mindspore.mint.max` with
  /// `dim`).
  /// - Parameters:
  ///   - x: The input.
  ///   - dim: The reduced dimension.
  ///   - keepdim: Whether the reduced dimension stays with size 1.
  /// - Returns: `(values, indices)`, indices as `int64`.
  /// - Throws: ``MSError`` when `dim` is out of range or has size 0.
  public static func max(_ x: Tensor, dim: Int, keepdim: Bool = false) throws(MSError) -> (Tensor, Tensor) {
    let values = try reduce("max", x, dim: dim, keepdim: keepdim, keepsIntegers: true) { maxOf($0, $1) }
    return (values, try argmax(x, dim: dim, keepdim: keepdim))
  }

  /// Index of the largest value along `dim` (first occurrence; over all elements when `nil`),
  /// as `mindspore.mint.argmax`; `int64`.
  /// - Parameters:
  ///   - x: The input.
  ///   - dim: The dimension, or `nil` for the flattened tensor.
  ///   - keepdim: Whether the reduced dimension stays with size 1.
  /// - Throws: ``MSError`` when `dim` is out of range or has size 0.
  public static func argmax(_ x: Tensor, dim: Int? = nil, keepdim: Bool = false) throws(MSError) -> Tensor {
    let result = try reduce("argmax", x, dim: dim, keepdim: keepdim, keepsIntegers: true) { p, n in
      var best = 0
      for i in 1..<Swift.max(n, 1) where p[i] > p[best] || (p[i].isNaN && !p[best].isNaN) { best = i }
      return Float(best)
    }
    return result.cast(to: .int64)
  }

  /// Cumulative sum along `axis` (`mindspore.ops.cumsum`).
  /// - Parameters:
  ///   - x: The input.
  ///   - axis: The dimension accumulated.
  /// - Throws: ``MSError`` when `axis` is out of range.
  public static func cumsum(_ x: Tensor, axis: Int) throws(MSError) -> Tensor {
    if !x.dtype.isFloatingPoint {
      // Integers accumulate exactly.
      let dim = try Tensor.axis(axis, rank: x.rank, op: "cumsum")
      let moved = try x.transpose(dim, x.rank - 1).contiguous()
      var values = moved.toIntArray()
      let n = Swift.max(moved.shape.last ?? 1, 1)
      for row in 0..<(values.count / n) { for i in 1..<n { values[row * n + i] &+= values[row * n + i - 1] } }
      return try Tensor(shape: moved.shape, dtype: x.dtype, ints: values).transpose(dim, x.rank - 1).contiguous()
    }
    return try alongLastAxis(x, axis: axis, op: "cumsum") { input, output, n in
      var running: Float = 0
      for i in 0..<n {
        running += input[i]
        output[i] = running
      }
    }
  }

  /// Reduces rows of the dimension `dim` (moved last) with `kernel`.
  static func reduce(
    _ op: String, _ x: Tensor, dim: Int?, keepdim: Bool, floating: Bool = false, keepsIntegers: Bool = false,
    _ kernel: (UnsafePointer<Float>, Int) -> Float
  ) throws(MSError) -> Tensor {
    let dtype = x.dtype.isFloatingPoint || keepsIntegers ? x.dtype : (floating ? .float32 : .int64)
    let source: Tensor, outShape: [Int]
    if let dim {
      let axis = try Tensor.axis(dim, rank: x.rank, op: op)
      source = x.rank == 0 ? x : try x.transpose(axis, x.rank - 1)
      var shape = x.shape
      if x.rank > 0 {
        if keepdim { shape[axis] = 1 } else { shape.remove(at: axis) }
      }
      outShape = shape
    } else {
      source = x
      outShape = keepdim ? [Int](repeating: 1, count: x.rank) : []
    }
    let n = dim == nil ? x.count : (x.rank == 0 ? 1 : source.shape[source.rank - 1])
    if (op == "max" || op == "argmax") && n == 0 { throw .shape(op, "cannot reduce an empty dimension") }
    return source.withFloats { values in
      Tensor.make(outShape, dtype: dtype) { out in
        guard let input = values.baseAddress else { return }
        for row in 0..<out.count { out[row] = kernel(input + row * n, n) }
      }
    }
  }
}
