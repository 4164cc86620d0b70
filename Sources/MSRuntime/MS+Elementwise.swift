extension MS {
  /// The dtype of a binary op's result: equal dtypes stay, mixed floats widen to `float32`,
  /// a float beats an integer, and integers widen (`bool` < `int8` < `int32` < `int64`).
  /// - Parameters:
  ///   - a: The first operand's dtype.
  ///   - b: The second operand's dtype.
  /// - Returns: The promoted dtype.
  public static func promote(_ a: DType, _ b: DType) -> DType {
    if a == b { return a }
    switch (a.isFloatingPoint, b.isFloatingPoint) {
    case (true, true): return .float32
    case (true, false): return a
    case (false, true): return b
    case (false, false):
      let order: [DType] = [.bool, .int8, .int32, .int64]
      return order[Swift.max(order.firstIndex(of: a) ?? 0, order.firstIndex(of: b) ?? 0)]
    }
  }

  /// `a + b` with NumPy broadcasting (`mindspore.ops.add`).
  public static func add(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor { try binary("add", a, b) { $0 + $1 } }
  /// `a - b` with broadcasting (`mindspore.ops.sub`).
  public static func sub(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor { try binary("sub", a, b) { $0 - $1 } }
  /// `a * b` with broadcasting (`mindspore.ops.mul`).
  public static func mul(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor { try binary("mul", a, b) { $0 * $1 } }
  /// `a / b` with broadcasting (`mindspore.ops.div`, true division: integers give `float32`).
  public static func div(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor {
    let floatA = a.dtype.isFloatingPoint ? a : a.cast(to: .float32)
    return try binary("div", floatA, b.dtype.isFloatingPoint ? b : b.cast(to: .float32)) { $0 / $1 }
  }
  /// The larger of `a` and `b` elementwise, NaN-propagating (`mindspore.ops.maximum`).
  public static func maximum(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor {
    try binary("maximum", a, b) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
  }
  /// The smaller of `a` and `b` elementwise, NaN-propagating (`mindspore.ops.minimum`).
  public static func minimum(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor {
    try binary("minimum", a, b) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
  }
  /// `a` raised to `b` elementwise (`mindspore.ops.pow`).
  public static func pow(_ a: Tensor, _ b: Tensor) throws(MSError) -> Tensor { try binary("pow", a, b) { _powf($0, $1) } }

  /// `-x` (`mindspore.ops.neg`).
  public static func neg(_ x: Tensor) -> Tensor { unary(x, keepsIntegers: true) { -$0 } }
  /// `e^x` (`mindspore.ops.exp`).
  public static func exp(_ x: Tensor) -> Tensor { unary(x) { _expf($0) } }
  /// `sqrt(x)` (`mindspore.ops.sqrt`).
  public static func sqrt(_ x: Tensor) -> Tensor { unary(x) { $0.squareRoot() } }
  /// `1 / sqrt(x)` (`mindspore.ops.rsqrt`).
  public static func rsqrt(_ x: Tensor) -> Tensor { unary(x) { 1 / $0.squareRoot() } }
  /// `x * x` (`mindspore.ops.square`).
  public static func square(_ x: Tensor) -> Tensor { unary(x, keepsIntegers: true) { $0 * $0 } }
  /// `|x|` (`mindspore.ops.abs`).
  public static func abs(_ x: Tensor) -> Tensor { unary(x, keepsIntegers: true) { Swift.abs($0) } }

  /// Applies `f` to every element in `float32`; the result keeps a floating dtype (integer
  /// inputs give `float32` unless `keepsIntegers`).
  static func unary(_ x: Tensor, keepsIntegers: Bool = false, _ f: (Float) -> Float) -> Tensor {
    let dtype = x.dtype.isFloatingPoint || keepsIntegers ? x.dtype : .float32
    return x.withFloats { source in
      Tensor.make(x.shape, dtype: dtype) { out in
        Parallel.chunks(source.count, cost: 8) { range in
          for i in range { out[i] = f(source[i]) }
        }
      }
    }
  }

  /// Applies `f` elementwise over the broadcast of `a` and `b`, computing in `float32`.
  static func binary(_ op: String, _ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) throws(MSError) -> Tensor {
    let shape = try Tensor.broadcastShape(a.shape, b.shape, op: op)
    let dtype = promote(a.dtype, b.dtype)
    let left = try a.asFloat32().expand(to: shape)
    let right = try b.asFloat32().expand(to: shape)
    let inner = shape.last ?? 1
    let leftStarts = left.rowStarts(), rightStarts = right.rowStarts()
    let leftStride = left.strides.last ?? 1, rightStride = right.strides.last ?? 1
    let pa = left.floatPointer, pb = right.floatPointer
    return Tensor.make(shape, dtype: dtype) { out in
      Parallel.chunks(leftStarts.count, cost: inner * 12) { rows in
        for row in rows {
          let x = pa + leftStarts[row], y = pb + rightStarts[row]
          let o = out.baseAddress.unsafelyUnwrapped + row * inner
          if leftStride == 1 && rightStride == 1 {
            for i in 0..<inner { o[i] = f(x[i], y[i]) }
          } else {
            for i in 0..<inner { o[i] = f(x[i * leftStride], y[i * rightStride]) }
          }
        }
      }
    }
  }
}

extension Tensor {
  /// `self` if its storage is `float32`, else a contiguous `float32` copy.
  func asFloat32() -> Tensor { dtype == .float32 ? self : cast(to: .float32) }

  /// The storage of a `float32` tensor as a typed pointer (index with storage positions).
  var floatPointer: UnsafeMutablePointer<Float> { storage.bytes.assumingMemoryBound(to: Float.self) }

  /// The storage position of the first element of each innermost row, in row-major order.
  func rowStarts() -> [Int] {
    var starts = [Int]()
    starts.reserveCapacity(shape.isEmpty ? 1 : shape.dropLast().reduce(1, *))
    forEachRow { _, start in starts.append(start) }
    return starts
  }
}
