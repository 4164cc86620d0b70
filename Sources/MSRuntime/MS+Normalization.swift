extension MS {
  /// RMS normalisation (`mindspore.ops.rms_norm`): `y = x * rstd * gamma` with
  /// `rstd = 1 / sqrt(mean(x²) + epsilon)` over the trailing `gamma.rank` dimensions.
  /// See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.rms_norm.html
  /// - Parameters:
  ///   - x: The input, `[..., H]`.
  ///   - gamma: The scale, whose shape equals the trailing dimensions of `x`.
  ///   - epsilon: Added to the mean square.
  /// - Returns: `(y, rstd)`: `y` in `x`'s dtype, `rstd` in `float32` with the normalised
  ///   dimensions kept as size 1.
  /// - Throws: ``MSError`` when `gamma` does not match the trailing dimensions of `x`.
  public static func rmsNorm(_ x: Tensor, _ gamma: Tensor, epsilon: Float = 1e-6) throws(MSError) -> (Tensor, Tensor) {
    let (y, rstd, _) = try normalize("rms_norm", x, nil, gamma, epsilon: epsilon)
    return (y, rstd)
  }

  /// Residual add then RMS normalisation (`mindspore.ops.add_rms_norm`): `x = x1 + x2`, then
  /// ``rmsNorm(_:_:epsilon:)`` of `x` (computed from the `float32` sum).
  /// See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.add_rms_norm.html
  /// - Parameters:
  ///   - x1: The input.
  ///   - x2: The residual, same shape as `x1`.
  ///   - gamma: The scale.
  ///   - epsilon: Added to the mean square.
  /// - Returns: `(y, rstd, x)` where `x` is the sum in `x1`'s dtype.
  /// - Throws: ``MSError`` on mismatched shapes.
  public static func addRmsNorm(
    _ x1: Tensor, _ x2: Tensor, _ gamma: Tensor, epsilon: Float = 1e-6
  ) throws(MSError) -> (Tensor, Tensor, Tensor) {
    guard x1.shape == x2.shape else { throw .shape("add_rms_norm", "x1 \(x1.shape) and x2 \(x2.shape) differ") }
    let (y, rstd, sum) = try normalize("add_rms_norm", x1, x2, gamma, epsilon: epsilon)
    guard let sum else { throw .shape("add_rms_norm", "internal: missing sum") }
    return (y, rstd, sum)
  }

  /// Layer normalisation over the trailing dimensions (`mindspore.ops.layer_norm`):
  /// `(x - mean) / sqrt(var + eps) * weight + bias`, with the biased variance.
  /// - Parameters:
  ///   - x: The input.
  ///   - normalizedShape: The trailing dimensions normalised together.
  ///   - weight: Optional scale of shape `normalizedShape`.
  ///   - bias: Optional shift of shape `normalizedShape`.
  ///   - eps: Added to the variance.
  /// - Returns: The normalised tensor in `x`'s dtype.
  /// - Throws: ``MSError`` on mismatched shapes.
  public static func layerNorm(
    _ x: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Float = 1e-5
  ) throws(MSError) -> Tensor {
    guard normalizedShape.count <= x.rank, Array(x.shape.suffix(normalizedShape.count)) == normalizedShape else {
      throw .shape("layer_norm", "normalized_shape \(normalizedShape) does not end the input shape \(x.shape)")
    }
    let n = normalizedShape.reduce(1, *)
    let w = try weight.map { t throws(MSError) in try trailingParameter("layer_norm", t, n: n) }
    let b = try bias.map { t throws(MSError) in try trailingParameter("layer_norm", t, n: n) }
    let rows = n == 0 ? 0 : x.count / n
    return x.withFloats { source in
      Tensor.make(x.shape, dtype: x.dtype.isFloatingPoint ? x.dtype : .float32) { out in
        guard let input = source.baseAddress, let output = out.baseAddress else { return }
        Parallel.chunks(rows, cost: 12 * n) { range in
          for row in range {
            let xr = input + row * n, yr = output + row * n
            let mean = sumOf(xr, n) / Float(n)
            var variance: Float = 0
            for i in 0..<n { variance += (xr[i] - mean) * (xr[i] - mean) }
            let rstd = 1 / (variance / Float(n) + eps).squareRoot()
            for i in 0..<n {
              var v = (xr[i] - mean) * rstd
              if let w { v *= w[i] }
              if let b { v += b[i] }
              yr[i] = v
            }
          }
        }
      }
    }
  }

  /// A parameter of `n` elements as contiguous `float32` values.
  static func trailingParameter(_ op: String, _ t: Tensor, n: Int) throws(MSError) -> [Float] {
    guard t.count == n else { throw .shape(op, "parameter of shape \(t.shape) does not have \(n) elements") }
    return t.toFloatArray()
  }

  static func normalize(
    _ op: String, _ x: Tensor, _ residual: Tensor?, _ gamma: Tensor, epsilon: Float
  ) throws(MSError) -> (Tensor, Tensor, Tensor?) {
    guard gamma.rank >= 1, gamma.rank <= x.rank, Array(x.shape.suffix(gamma.rank)) == gamma.shape else {
      throw .shape(op, "gamma \(gamma.shape) does not match the trailing dimensions of x \(x.shape)")
    }
    let n = gamma.count
    let rows = n == 0 ? 0 : x.count / n
    let g = gamma.asFloat32().contiguous()
    let gp = UnsafePointer(g.floatPointer + g.offset)
    let rstdShape = Array(x.shape.dropLast(gamma.rank)) + [Int](repeating: 1, count: gamma.rank)
    let dtype = x.dtype.isFloatingPoint ? x.dtype : .float32
    let rstd = Tensor(uninitialized: rstdShape, dtype: .float32)
    let y = Tensor(uninitialized: x.shape, dtype: dtype)
    let sum = residual == nil ? nil : Tensor(uninitialized: x.shape, dtype: dtype)
    let rp = rstd.floatPointer
    let direct = dtype == .float32
    x.withFloats { source in
      (residual ?? x).withFloats { other in
        guard let input = source.baseAddress, let addend = other.baseAddress else { return }
        Parallel.chunks(rows, cost: 8 * n) { range in
          // Rows of a float32 result are computed in place; other dtypes go through scratch rows.
          let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 2 * n)
          defer { scratch.deallocate() }
          for row in range {
            var xr = input + row * n
            if let sum {
              let s = direct ? sum.floatPointer + row * n : scratch
              addRows(xr, addend + row * n, s, n)
              if !direct { sum.storeRow(s, count: n, at: row * n) }
              xr = UnsafePointer(s)
            }
            let yr = direct ? y.floatPointer + row * n : scratch + n
            let r = 1 / (sumOfSquares(xr, n) / Float(n) + epsilon).squareRoot()
            rp[row] = r
            let rv = Vec(repeating: r)
            var i = 0
            while i + 8 <= n {
              storeVec(loadVec(xr + i) * rv * loadVec(gp + i), yr + i)
              i += 8
            }
            while i < n {
              yr[i] = xr[i] * r * gp[i]
              i += 1
            }
            if !direct { y.storeRow(yr, count: n, at: row * n) }
          }
        }
      }
    }
    return (y, rstd, sum)
  }
}

@inline(__always) func addRows(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ n: Int) {
  var i = 0
  while i + 8 <= n {
    storeVec(loadVec(a + i) + loadVec(b + i), out + i)
    i += 8
  }
  while i < n {
    out[i] = a[i] + b[i]
    i += 1
  }
}
