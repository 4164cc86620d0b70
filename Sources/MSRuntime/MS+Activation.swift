import CMSKernels

extension MS {
  /// `x * sigmoid(x)` (`mindspore.ops.silu`).
  public static func silu(_ x: Tensor) -> Tensor { mapRows(x) { siluRow($0, $1, $2) } }

  /// `1 / (1 + e^-x)` (`mindspore.ops.sigmoid`).
  public static func sigmoid(_ x: Tensor) -> Tensor { unary(x) { 1 / (1 + fastExp(-$0)) } }

  /// GELU (`mindspore.ops.gelu`): `approximate == "tanh"` uses
  /// `0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))`, `"none"` uses `0.5x(1 + erf(x/√2))`.
  /// - Parameters:
  ///   - x: The input.
  ///   - approximate: `"none"` or `"tanh"`.
  /// - Throws: ``MSError`` for another `approximate` value.
  public static func gelu(_ x: Tensor, approximate: String = "none") throws(MSError) -> Tensor {
    switch approximate {
    case "none": return unary(x) { 0.5 * $0 * (1 + _erff($0 * 0.707_106_77)) }
    case "tanh":
      return x.withFloats { source in
        Tensor.make(x.shape, dtype: x.dtype.isFloatingPoint ? x.dtype : .float32) { out in
          guard let input = source.baseAddress, let output = out.baseAddress else { return }
          Parallel.chunks(source.count, cost: 8) { range in
            ms_gelu_tanh(input + range.lowerBound, output + range.lowerBound, range.count)
          }
        }
      }
    default: throw .argument("gelu", "approximate must be 'none' or 'tanh', got '\(approximate)'")
    }
  }

  /// SwiGLU (`mindspore.ops.swiglu`): splits `x` in two halves `a`, `b` along `dim` and returns
  /// `silu(a) * b`. See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.swiglu.html
  /// - Parameters:
  ///   - x: The input; `dim` must have even size.
  ///   - dim: The split dimension.
  /// - Throws: ``MSError`` when `dim` is out of range or odd-sized.
  public static func swiglu(_ x: Tensor, dim: Int = -1) throws(MSError) -> Tensor {
    let axis = try Tensor.axis(dim, rank: x.rank, op: "swiglu")
    guard x.rank > 0, x.shape[axis] % 2 == 0 else {
      throw .shape("swiglu", "dimension \(dim) of shape \(x.shape) must have even size")
    }
    let half = x.shape[axis] / 2
    if axis != x.rank - 1 {
      let a = try x.narrow(dim: axis, start: 0, length: half)
      let b = try x.narrow(dim: axis, start: half, length: half)
      return try mul(silu(a), b)
    }
    var outShape = x.shape
    outShape[axis] = half
    return x.withFloats { source in
      let rows = x.count / Swift.max(2 * half, 1)
      return Tensor.make(outShape, dtype: x.dtype) { out in
        guard let input = source.baseAddress, let output = out.baseAddress else { return }
        Parallel.chunks(rows, cost: 12 * half) { range in
          for row in range {
            let a = input + row * 2 * half
            ms_silu_mul(a, a + half, output + row * half, half)
          }
        }
      }
    }
  }

  /// Softmax along `axis` (`mindspore.ops.softmax`).
  /// - Parameters:
  ///   - x: The input.
  ///   - axis: The dimension normalised.
  /// - Throws: ``MSError`` when `axis` is out of range.
  public static func softmax(_ x: Tensor, axis: Int = -1) throws(MSError) -> Tensor {
    try alongLastAxis(x, axis: axis, op: "softmax") { softmaxRow($0, $1, $2) }
  }

  /// Log-softmax along `axis` (`mindspore.ops.log_softmax`).
  /// - Parameters:
  ///   - x: The input.
  ///   - axis: The dimension normalised.
  /// - Throws: ``MSError`` when `axis` is out of range.
  public static func logSoftmax(_ x: Tensor, axis: Int = -1) throws(MSError) -> Tensor {
    try alongLastAxis(x, axis: axis, op: "log_softmax") { input, output, n in
      let top = maxOf(input, n)
      var total: Float = 0
      for i in 0..<n { total += _expf(input[i] - top) }
      let shift = top + _logf(total)
      for i in 0..<n { output[i] = input[i] - shift }
    }
  }

  /// Runs a row kernel on the innermost dimension of `x` (as `float32`), keeping its dtype.
  static func mapRows(
    _ x: Tensor, _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
  ) -> Tensor {
    let dtype = x.dtype.isFloatingPoint ? x.dtype : .float32
    let inner = Swift.max(x.shape.last ?? 1, 1)
    return x.withFloats { source in
      Tensor.make(x.shape, dtype: dtype) { out in
        guard let input = source.baseAddress, let output = out.baseAddress else { return }
        Parallel.chunks(source.count / inner, cost: 8 * inner) { range in
          for row in range { kernel(input + row * inner, output + row * inner, inner) }
        }
      }
    }
  }

  /// Runs a row kernel along `axis` by moving it last, then moving it back.
  static func alongLastAxis(
    _ x: Tensor, axis: Int, op: String,
    _ kernel: (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int) -> Void
  ) throws(MSError) -> Tensor {
    let dim = try Tensor.axis(axis, rank: x.rank, op: op)
    if x.rank == 0 || dim == x.rank - 1 { return mapRows(x, kernel) }
    let moved = try mapRows(x.transpose(dim, x.rank - 1), kernel)
    return try moved.transpose(dim, x.rank - 1).contiguous()
  }
}

@inline(__always) func siluRow(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
  ms_silu_mul(input, nil, output, n)
}

@inline(__always) func softmaxRow(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, _ n: Int) {
  ms_softmax_row(input, output, n)
}
