import COpenBLAS

extension MS {
  /// The number of threads OpenBLAS uses for GEMM (from `OPENBLAS_NUM_THREADS`, else the core
  /// count).
  public static var blasThreads: Int { Int(openblas_get_num_threads()) }

  /// Sets the number of threads OpenBLAS uses for GEMM.
  /// - Parameter count: The thread count, at least 1.
  public static func setBLASThreads(_ count: Int) { openblas_set_num_threads(Int32(Swift.max(1, count))) }

  /// Matrix product with NumPy broadcasting of batch dimensions (`mindspore.ops.matmul`,
  /// and `BatchMatMul`'s `transpose_a`/`transpose_b`); 1-D operands are treated as a row
  /// (left) or column (right) vector and that dimension is dropped from the result.
  /// Runs on OpenBLAS `cblas_sgemm` in `float32`; the result has the promoted dtype.
  /// - Parameters:
  ///   - a: `[..., M, K]` (or `[..., K, M]` with `transposeA`).
  ///   - b: `[..., K, N]` (or `[..., N, K]` with `transposeB`).
  ///   - transposeA: Whether to use the transpose of `a`'s last two dimensions.
  ///   - transposeB: Whether to use the transpose of `b`'s last two dimensions.
  /// - Throws: ``MSError`` when the inner dimensions or batch dimensions do not match.
  public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws(MSError) -> Tensor {
    let op = "matmul"
    guard a.rank >= 1, b.rank >= 1 else { throw .shape(op, "operands must have rank >= 1, got \(a.shape) and \(b.shape)") }
    var left = a.rank == 1 ? try a.unsqueeze(dim: 0) : a
    var right = b.rank == 1 ? try b.unsqueeze(dim: 1) : b
    if transposeA && a.rank >= 2 { left = try left.transpose(-1, -2) }
    if transposeB && b.rank >= 2 { right = try right.transpose(-1, -2) }
    var result = try gemm(op, left, right, bias: nil, dtype: promote(a.dtype, b.dtype))
    if b.rank == 1 { result = try result.squeeze(dim: -1) }
    if a.rank == 1 { result = try result.squeeze(dim: -2) }
    return result
  }

  /// Batched matrix product (`mindspore.ops.BatchMatMul`); the same as
  /// ``matmul(_:_:transposeA:transposeB:)`` for operands of rank >= 2.
  /// - Parameters:
  ///   - a: `[..., M, K]`.
  ///   - b: `[..., K, N]`.
  ///   - transposeA: Whether to transpose `a`'s last two dimensions.
  ///   - transposeB: Whether to transpose `b`'s last two dimensions.
  /// - Throws: ``MSError`` on incompatible shapes or rank < 2.
  public static func batchMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws(MSError) -> Tensor {
    guard a.rank >= 2, b.rank >= 2 else { throw .shape("batch_matmul", "operands must have rank >= 2, got \(a.shape) and \(b.shape)") }
    return try matmul(a, b, transposeA: transposeA, transposeB: transposeB)
  }

  /// Fully connected layer (`mindspore.ops.dense`): `x · weightᵀ + bias`.
  /// See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.dense.html
  /// - Parameters:
  ///   - x: `[..., K]`.
  ///   - weight: `[N, K]`.
  ///   - bias: Optional `[N]`.
  /// - Returns: `[..., N]` in the promoted dtype of `x` and `weight`.
  /// - Throws: ``MSError`` on mismatched shapes.
  public static func dense(_ x: Tensor, _ weight: Tensor, _ bias: Tensor? = nil) throws(MSError) -> Tensor {
    let op = "dense"
    guard x.rank >= 1, weight.rank == 2 else { throw .shape(op, "need x [..., K] and weight [N, K], got \(x.shape) and \(weight.shape)") }
    guard let k = x.shape.last, k == weight.shape[1] else {
      throw .shape(op, "x \(x.shape) and weight \(weight.shape) disagree on K")
    }
    if let bias, bias.count != weight.shape[0] {
      throw .shape(op, "bias \(bias.shape) must have \(weight.shape[0]) elements")
    }
    let rows = try x.reshape([-1, k])
    let product = try gemm(op, rows, weight.transpose(0, 1), bias: bias, dtype: promote(x.dtype, weight.dtype))
    return try product.reshape(Array(x.shape.dropLast()) + [weight.shape[0]])
  }

  /// How BLAS can read the last two dimensions of a `float32` tensor: transposed or not, and
  /// the leading dimension; `nil` when a copy is needed.
  private static func blasLayout(_ t: Tensor) -> (transposed: Bool, ld: Int)? {
    let rows = t.shape[t.rank - 2], cols = t.shape[t.rank - 1]
    let rowStride = t.strides[t.rank - 2], colStride = t.strides[t.rank - 1]
    if colStride == 1 || cols == 1, rowStride >= Swift.max(cols, 1) || rows == 1 {
      return (false, Swift.max(rows == 1 ? cols : rowStride, 1))
    }
    if rowStride == 1 || rows == 1, colStride >= Swift.max(rows, 1) || cols == 1 {
      return (true, Swift.max(cols == 1 ? rows : colStride, 1))
    }
    return nil
  }

  /// `a · b (+ bias)` over broadcast batch dimensions with `cblas_sgemm`; `a` is `[..., M, K]`
  /// and `b` `[..., K, N]` (possibly strided views).
  static func gemm(_ op: String, _ a: Tensor, _ b: Tensor, bias: Tensor?, dtype: DType) throws(MSError) -> Tensor {
    let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1]
    let kb = b.shape[b.rank - 2], n = b.shape[b.rank - 1]
    guard k == kb else { throw .shape(op, "inner dimensions differ: \(a.shape) · \(b.shape)") }
    guard m < Int(Int32.max), n < Int(Int32.max), k < Int(Int32.max) else { throw .shape(op, "matrix too large for BLAS") }
    let batch = try Tensor.broadcastShape(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)), op: op)
    var left = a.asFloat32(), right = b.asFloat32()
    if blasLayout(left) == nil { left = left.contiguous() }
    if blasLayout(right) == nil { right = right.contiguous() }
    guard let la = blasLayout(left), let lb = blasLayout(right) else { throw .shape(op, "internal: no BLAS layout") }
    let leftE = try left.expand(to: batch + [m, k]), rightE = try right.expand(to: batch + [k, n])
    let biasValues = try bias.map { t throws(MSError) in try trailingParameter(op, t, n: n) }
    let outShape = batch + [m, n]
    let batchCount = batch.reduce(1, *)
    let pa = UnsafePointer(left.floatPointer), pb = UnsafePointer(right.floatPointer)

    // One sgemm for all batches when b is shared and a's rows are evenly spaced.
    let rightShared = rightE.strides.dropLast(2).allSatisfy { $0 == 0 } || batchCount == 1
    var foldable = rightShared && !la.transposed
    if foldable {
      var expected = la.ld * m
      for dim in stride(from: batch.count - 1, through: 0, by: -1) where batch[dim] != 1 {
        if leftE.strides[dim] != expected { foldable = false }
        expected *= batch[dim]
      }
    }
    return Tensor.make(outShape, dtype: dtype) { out in
      guard let c = out.baseAddress, out.count > 0 else { return }
      if let biasValues {
        for row in 0..<(out.count / n) { (c + row * n).update(from: biasValues, count: n) }
      } else if k == 0 {
        c.update(repeating: 0, count: out.count)
      }
      if k == 0 { return }
      let beta: Float = biasValues == nil ? 0 : 1
      func call(_ rows: Int, _ aOffset: Int, _ bOffset: Int, _ cOffset: Int) {
        sgemm(
          transposeA: la.transposed, transposeB: lb.transposed, m: rows, n: n, k: k, alpha: 1, pa + aOffset, lda: la.ld,
          pb + bOffset, ldb: lb.ld, beta: beta, c + cOffset, ldc: n)
      }
      if foldable {
        call(batchCount * m, leftE.offset, rightE.offset, 0)
        return
      }
      var index = [Int](repeating: 0, count: batch.count)
      for item in 0..<batchCount {
        var aOffset = leftE.offset, bOffset = rightE.offset
        for dim in 0..<batch.count {
          aOffset += index[dim] * leftE.strides[dim]
          bOffset += index[dim] * rightE.strides[dim]
        }
        call(m, aOffset, bOffset, item * m * n)
        var dim = batch.count - 1
        while dim >= 0 {
          index[dim] += 1
          if index[dim] < batch[dim] { break }
          index[dim] = 0
          dim -= 1
        }
      }
    }
  }
}
