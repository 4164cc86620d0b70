extension MS {
  /// Takes slices of `params` along `axis` at `indices` (`mindspore.ops.gather`): the result
  /// has shape `params.shape[..<axis] + indices.shape + params.shape[(axis+1)...]`.
  /// - Parameters:
  ///   - params: The source.
  ///   - indices: Integer indices into dimension `axis` (negative counts from the end).
  ///   - axis: The gathered dimension.
  /// - Throws: ``MSError`` for a float index tensor or an index out of range.
  public static func gather(_ params: Tensor, indices: Tensor, axis: Int = 0) throws(MSError) -> Tensor {
    let op = "gather"
    let dim = try Tensor.axis(axis, rank: params.rank, op: op)
    guard params.rank > 0 else { throw .shape(op, "cannot gather from a scalar") }
    guard !indices.dtype.isFloatingPoint else { throw .dtype(op, "indices must be integers, got \(indices.dtype)") }
    let size = params.shape[dim]
    var picks = indices.toIntArray()
    for i in picks.indices {
      let index = picks[i] < 0 ? picks[i] + size : picks[i]
      guard index >= 0, index < size else { throw .argument(op, "index \(picks[i]) is out of range for dimension of size \(size)") }
      picks[i] = index
    }
    let source = params.contiguous()
    let outer = params.shape[..<dim].reduce(1, *), inner = params.shape[(dim + 1)...].reduce(1, *)
    let outShape = Array(params.shape[..<dim]) + indices.shape + Array(params.shape[(dim + 1)...])
    let result = Tensor(uninitialized: outShape, dtype: params.dtype)
    let width = params.dtype.byteWidth, rowBytes = inner * width
    let from = source.storage.bytes + source.offset * width, to = result.storage.bytes
    for o in 0..<outer {
      for (i, index) in picks.enumerated() {
        (to + (o * picks.count + i) * rowBytes).copyMemory(from: from + (o * size + index) * rowBytes, byteCount: rowBytes)
      }
    }
    return result
  }

  /// Looks up rows of `weight` (`mindspore.mint.nn.functional.embedding`).
  /// - Parameters:
  ///   - input: Integer token ids of any shape.
  ///   - weight: The table `[vocab, hidden]`.
  /// - Returns: `input.shape + [hidden]`.
  /// - Throws: ``MSError`` for an id out of range.
  public static func embedding(_ input: Tensor, weight: Tensor) throws(MSError) -> Tensor {
    guard weight.rank == 2 else { throw .shape("embedding", "weight must be [vocab, hidden], got \(weight.shape)") }
    return try gather(weight, indices: input, axis: 0)
  }

  /// Selects entries along `axis` with a 1-D index (`mindspore.ops.index_select`).
  /// - Parameters:
  ///   - input: The source.
  ///   - axis: The dimension.
  ///   - index: A 1-D integer tensor.
  /// - Throws: ``MSError`` when `index` is not 1-D or out of range.
  public static func indexSelect(_ input: Tensor, axis: Int, index: Tensor) throws(MSError) -> Tensor {
    guard index.rank == 1 else { throw .shape("index_select", "index must be 1-D, got \(index.shape)") }
    return try gather(input, indices: index, axis: axis)
  }

  /// The `k` largest (or smallest) entries along `dim` (`mindspore.ops.topk`), ordered by value
  /// with ties broken by the lower index; NaN counts as the largest value. Results are always
  /// sorted, which `sorted == false` permits.
  /// - Parameters:
  ///   - x: The input.
  ///   - k: How many entries to keep, `0...x.shape[dim]`.
  ///   - dim: The dimension.
  ///   - largest: Whether to keep the largest (else the smallest) entries.
  /// - Returns: `(values, indices)`, indices as `int32`.
  /// - Throws: ``MSError`` when `k` or `dim` is out of range.
  public static func topk(_ x: Tensor, k: Int, dim: Int = -1, largest: Bool = true) throws(MSError) -> (Tensor, Tensor) {
    let axis = try Tensor.axis(dim, rank: x.rank, op: "topk")
    let n = x.rank == 0 ? 1 : x.shape[axis]
    guard k >= 0, k <= n else { throw .argument("topk", "k = \(k) is out of range for dimension of size \(n)") }
    let moved = x.rank == 0 ? x : try x.transpose(axis, x.rank - 1)
    let values = moved.toFloatArray()
    let rows = n == 0 ? 0 : values.count / n
    var outValues = [Float](), outIndices = [Int]()
    outValues.reserveCapacity(rows * k)
    outIndices.reserveCapacity(rows * k)
    for row in 0..<rows {
      let base = row * n
      let order = topIndices(values, base: base, count: n, k: k, largest: largest)
      for i in order {
        outValues.append(values[base + i])
        outIndices.append(i)
      }
    }
    var shape = moved.shape
    if !shape.isEmpty { shape[shape.count - 1] = k }
    let valueTensor = try Tensor(shape: shape, dtype: x.dtype, values: outValues)
    let indexTensor = try Tensor(shape: shape, dtype: .int32, ints: outIndices)
    if x.rank == 0 { return (valueTensor, indexTensor) }
    return (try valueTensor.transpose(axis, x.rank - 1).contiguous(), try indexTensor.transpose(axis, x.rank - 1).contiguous())
  }

  /// Positions of the `k` best of `values[base..<base+count]`, best first, ties to lower index.
  static func topIndices(_ values: [Float], base: Int, count: Int, k: Int, largest: Bool) -> [Int] {
    func better(_ i: Int, _ j: Int) -> Bool {
      let a = values[base + i], b = values[base + j]
      if a.isNaN != b.isNaN { return largest ? a.isNaN : b.isNaN }  // NaN ranks above everything
      if !a.isNaN && a != b { return largest ? a > b : a < b }
      return i < j
    }
    if k == 1 {
      var best = 0
      for i in 1..<Swift.max(count, 1) where better(i, best) { best = i }
      return count == 0 ? [] : [best]
    }
    return Array((0..<count).sorted(by: better).prefix(k))
  }

  /// Joins tensors along `axis` (`mindspore.ops.concat`); dtypes are promoted.
  /// - Parameters:
  ///   - tensors: At least one tensor; all dimensions but `axis` must agree.
  ///   - axis: The joined dimension.
  /// - Throws: ``MSError`` on an empty list or mismatched shapes.
  public static func concat(_ tensors: [Tensor], axis: Int = 0) throws(MSError) -> Tensor {
    let op = "concat"
    guard let first = tensors.first else { throw .argument(op, "needs at least one tensor") }
    let dim = try Tensor.axis(axis, rank: first.rank, op: op)
    let dtype = tensors.dropFirst().reduce(first.dtype) { promote($0, $1.dtype) }
    var total = 0
    for t in tensors {
      var a = t.shape, b = first.shape
      guard a.count == b.count else { throw .shape(op, "ranks differ: \(t.shape) and \(first.shape)") }
      total += a[dim]
      a[dim] = 0
      b[dim] = 0
      guard a == b else { throw .shape(op, "shapes \(t.shape) and \(first.shape) differ outside axis \(axis)") }
    }
    var outShape = first.shape
    outShape[dim] = total
    let result = Tensor(uninitialized: outShape, dtype: dtype)
    let outer = first.shape[..<dim].reduce(1, *), inner = first.shape[(dim + 1)...].reduce(1, *)
    let width = dtype.byteWidth
    var column = 0
    for t in tensors {
      let part = t.cast(to: dtype).contiguous()
      let rowBytes = t.shape[dim] * inner * width
      let from = part.storage.bytes + part.offset * width
      for o in 0..<outer {
        (result.storage.bytes + (o * total * inner + column * inner) * width)
          .copyMemory(from: from + o * rowBytes, byteCount: rowBytes)
      }
      column += t.shape[dim]
    }
    return result
  }

  /// Splits along `axis` into pieces of the given sizes (`mindspore.ops.split` with a list);
  /// the pieces are views.
  /// - Parameters:
  ///   - x: The input.
  ///   - sizes: Piece sizes summing to `x.shape[axis]`.
  ///   - axis: The split dimension.
  /// - Throws: ``MSError`` when the sizes do not add up.
  public static func split(_ x: Tensor, sizes: [Int], axis: Int = 0) throws(MSError) -> [Tensor] {
    let dim = try Tensor.axis(axis, rank: x.rank, op: "split")
    let total = sizes.reduce(into: 0) { sum, size in sum = size < 0 || sum > Int.max - size ? -1 : sum + size }
    guard total == x.shape[dim] else {
      throw .argument("split", "sizes \(sizes) do not add up to \(x.shape[dim])")
    }
    var start = 0
    var pieces = [Tensor]()
    for size in sizes {
      pieces.append(try x.narrow(dim: dim, start: start, length: size))
      start += size
    }
    return pieces
  }

  /// Splits along `axis` into pieces of `size` (the last may be smaller), as
  /// `mindspore.ops.split` with an int; the pieces are views.
  /// - Parameters:
  ///   - x: The input.
  ///   - size: The piece size, positive.
  ///   - axis: The split dimension.
  /// - Throws: ``MSError`` when `size` is not positive.
  public static func split(_ x: Tensor, size: Int, axis: Int = 0) throws(MSError) -> [Tensor] {
    let dim = try Tensor.axis(axis, rank: x.rank, op: "split")
    guard size > 0 else { throw .argument("split", "split size must be positive, got \(size)") }
    let n = x.shape[dim]
    return try split(x, sizes: stride(from: 0, to: n, by: size).map { Swift.min(size, n - $0) }, axis: dim)
  }

  /// Splits into `chunks` pieces of `ceil(n / chunks)` along `axis` (`mindspore.ops.chunk`);
  /// there may be fewer pieces when the dimension is short.
  /// - Parameters:
  ///   - x: The input.
  ///   - chunks: The requested number of pieces, positive.
  ///   - axis: The split dimension.
  /// - Throws: ``MSError`` when `chunks` is not positive.
  public static func chunk(_ x: Tensor, chunks: Int, axis: Int = 0) throws(MSError) -> [Tensor] {
    let dim = try Tensor.axis(axis, rank: x.rank, op: "chunk")
    guard chunks > 0 else { throw .argument("chunk", "chunks must be positive, got \(chunks)") }
    let n = x.shape[dim]
    return try split(x, size: n == 0 ? 1 : (n - 1) / chunks + 1, axis: dim)
  }

  /// Picks `x` where `condition` is non-zero and `y` elsewhere, with broadcasting
  /// (`mindspore.ops.where`).
  /// - Parameters:
  ///   - condition: The selector.
  ///   - x: Values where true.
  ///   - y: Values where false.
  /// - Throws: ``MSError`` when the shapes do not broadcast.
  public static func `where`(_ condition: Tensor, _ x: Tensor, _ y: Tensor) throws(MSError) -> Tensor {
    let shape = try Tensor.broadcastShape(Tensor.broadcastShape(condition.shape, x.shape, op: "where"), y.shape, op: "where")
    let c = try condition.expand(to: shape).toFloatArray()
    let a = try x.expand(to: shape).toFloatArray(), b = try y.expand(to: shape).toFloatArray()
    return Tensor.make(shape, dtype: promote(x.dtype, y.dtype)) { out in
      for i in out.indices { out[i] = c[i] != 0 ? a[i] : b[i] }
    }
  }

  /// Replaces entries of `x` where `mask` is non-zero with `value` (`mindspore.ops.masked_fill`).
  /// - Parameters:
  ///   - x: The input.
  ///   - mask: Broadcastable to `x`.
  ///   - value: The fill value.
  /// - Throws: ``MSError`` when `mask` does not broadcast to `x`.
  public static func maskedFill(_ x: Tensor, mask: Tensor, value: Float) throws(MSError) -> Tensor {
    guard try Tensor.broadcastShape(x.shape, mask.shape, op: "masked_fill") == x.shape else {
      throw .shape("masked_fill", "mask \(mask.shape) does not broadcast to \(x.shape)")
    }
    return try `where`(mask, Tensor(scalar: value, dtype: x.dtype), x)
  }
}
