extension Tensor {
  private func view(shape: [Int], strides: [Int], offset: Int? = nil) -> Tensor {
    Tensor(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset ?? self.offset)
  }

  /// The same elements in a new shape; one dimension may be `-1` (inferred). A view when the
  /// tensor is contiguous or the shape is unchanged, a copy otherwise.
  /// - Parameter newShape: The target dimensions.
  /// - Throws: ``MSError`` when the element counts differ or more than one `-1` is given.
  public func reshape(_ newShape: [Int]) throws(MSError) -> Tensor {
    var resolved = newShape
    let inferred = newShape.indices.filter { newShape[$0] == -1 }
    guard inferred.count <= 1 else { throw .argument("reshape", "more than one -1 in shape \(newShape)") }
    if let slot = inferred.first {
      var known = 1
      for (dim, size) in newShape.enumerated() where dim != slot {
        let (product, overflow) = known.multipliedReportingOverflow(by: size)
        guard !overflow, size >= 0 else { throw .shape("reshape", "cannot reshape \(shape) into \(newShape)") }
        known = product
      }
      guard known > 0, count % known == 0 else {
        throw .shape("reshape", "cannot reshape \(shape) into \(newShape)")
      }
      resolved[slot] = count / known
    }
    try Tensor.validate(shape: resolved, op: "reshape")
    guard resolved.reduce(1, *) == count else {
      throw .shape("reshape", "cannot reshape \(shape) (\(count) elements) into \(newShape)")
    }
    if resolved == shape { return self }
    let base = contiguous()
    return base.view(shape: resolved, strides: Tensor.contiguousStrides(for: resolved))
  }

  /// Reorders dimensions: result dimension `i` is input dimension `dims[i]` (a view).
  /// - Parameter dims: A permutation of `0..<rank` (negative values count from the end).
  /// - Throws: ``MSError`` when `dims` is not a permutation.
  public func permute(_ dims: [Int]) throws(MSError) -> Tensor {
    guard dims.count == rank else { throw .argument("permute", "\(dims.count) dims for rank \(rank)") }
    var normalised = [Int]()
    for dim in dims { normalised.append(try Tensor.axis(dim, rank: rank, op: "permute")) }
    guard Set(normalised).count == rank else { throw .argument("permute", "\(dims) is not a permutation") }
    return view(shape: normalised.map { shape[$0] }, strides: normalised.map { strides[$0] })
  }

  /// Swaps two dimensions (a view).
  /// - Parameters:
  ///   - dim0: The first dimension (negative counts from the end).
  ///   - dim1: The second dimension.
  /// - Throws: ``MSError`` when a dimension is out of range.
  public func transpose(_ dim0: Int, _ dim1: Int) throws(MSError) -> Tensor {
    let a = try Tensor.axis(dim0, rank: rank, op: "transpose")
    let b = try Tensor.axis(dim1, rank: rank, op: "transpose")
    var order = Array(0..<rank)
    order.swapAt(a, b)
    return try permute(order)
  }

  /// Elements `start..<end` (every `step`-th) along `dim`, Python-style: negative bounds count
  /// from the end and bounds are clamped to the dimension (a view).
  /// - Parameters:
  ///   - dim: The dimension to slice.
  ///   - start: The first index.
  ///   - end: One past the last index.
  ///   - step: A positive step.
  /// - Throws: ``MSError`` when `dim` is out of range or `step` is not positive.
  public func slice(dim: Int, start: Int, end: Int, step: Int = 1) throws(MSError) -> Tensor {
    let axis = try Tensor.axis(dim, rank: rank, op: "slice")
    guard step > 0 else { throw .argument("slice", "step must be positive, got \(step)") }
    let size = shape[axis]
    func clamp(_ index: Int) -> Int { min(max(index < 0 ? index + size : index, 0), size) }
    let lower = clamp(start)
    let upper = max(clamp(end), lower)
    var newShape = shape
    var newStrides = strides
    newShape[axis] = upper > lower ? (upper - lower - 1) / step + 1 : 0
    newStrides[axis] = strides[axis] * step
    return view(shape: newShape, strides: newStrides, offset: offset + lower * strides[axis])
  }

  /// `length` elements from `start` along `dim` (a view), as `mindspore.ops.narrow`.
  /// - Parameters:
  ///   - dim: The dimension.
  ///   - start: The first index (negative counts from the end).
  ///   - length: The number of elements.
  /// - Throws: ``MSError`` when the range does not fit the dimension.
  public func narrow(dim: Int, start: Int, length: Int) throws(MSError) -> Tensor {
    let axis = try Tensor.axis(dim, rank: rank, op: "narrow")
    let first = start < 0 ? start + shape[axis] : start
    guard first >= 0, first <= shape[axis], length >= 0, length <= shape[axis] - first else {
      throw .argument("narrow", "\(length) elements from \(start) do not fit dimension \(dim) of size \(shape[axis])")
    }
    return try slice(dim: axis, start: first, end: first + length)
  }

  /// Inserts a dimension of size 1 at `dim` (a view).
  /// - Parameter dim: The new dimension's position, in `-(rank+1)...rank`.
  /// - Throws: ``MSError`` when `dim` is out of range.
  public func unsqueeze(dim: Int) throws(MSError) -> Tensor {
    let axis = try Tensor.axis(dim, rank: rank + 1, op: "unsqueeze")
    var newShape = shape
    var newStrides = strides
    newShape.insert(1, at: axis)
    newStrides.insert(axis < rank ? strides[axis] * shape[axis] : 1, at: axis)
    return view(shape: newShape, strides: newStrides)
  }

  /// Removes dimension `dim` if it has size 1, or every size-1 dimension when `dim` is `nil`
  /// (a view).
  /// - Parameter dim: The dimension to remove.
  /// - Throws: ``MSError`` when `dim` is out of range or its size is not 1.
  public func squeeze(dim: Int? = nil) throws(MSError) -> Tensor {
    guard let dim else {
      let keep = shape.indices.filter { shape[$0] != 1 }
      return view(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] })
    }
    let axis = try Tensor.axis(dim, rank: rank, op: "squeeze")
    guard shape[axis] == 1 else { throw .shape("squeeze", "dimension \(dim) has size \(shape[axis]), not 1") }
    var newShape = shape
    var newStrides = strides
    newShape.remove(at: axis)
    newStrides.remove(at: axis)
    return view(shape: newShape, strides: newStrides)
  }

  /// Broadcasts to `newShape` without copying (stride 0 along expanded dimensions), as
  /// `mindspore.ops.broadcast_to`; `-1` keeps a dimension.
  /// - Parameter newShape: The target shape, of rank at least `rank`.
  /// - Throws: ``MSError`` when a dimension of size other than 1 would change.
  public func expand(to newShape: [Int]) throws(MSError) -> Tensor {
    guard newShape.count >= rank else {
      throw .shape("broadcast_to", "cannot broadcast \(shape) to lower rank \(newShape)")
    }
    let lead = newShape.count - rank
    var resolved = newShape
    var newStrides = [Int](repeating: 0, count: newShape.count)
    for dim in 0..<newShape.count {
      if dim < lead {
        guard newShape[dim] >= 0 else { throw .shape("broadcast_to", "cannot broadcast \(shape) to \(newShape)") }
        continue
      }
      let source = shape[dim - lead]
      if newShape[dim] == -1 || newShape[dim] == source {
        resolved[dim] = source
        newStrides[dim] = strides[dim - lead]
      } else if source == 1 && newShape[dim] >= 0 {
        newStrides[dim] = 0
      } else {
        throw .shape("broadcast_to", "cannot broadcast \(shape) to \(newShape)")
      }
    }
    try Tensor.validate(shape: resolved, op: "broadcast_to")
    return view(shape: resolved, strides: newStrides)
  }

  /// The same as ``expand(to:)``.
  /// - Parameter newShape: The target shape.
  /// - Throws: ``MSError`` when the shapes are not broadcast-compatible.
  public func broadcast(to newShape: [Int]) throws(MSError) -> Tensor { try expand(to: newShape) }

  /// The NumPy broadcast of two shapes: aligned from the right, sizes equal or one of them 1.
  /// - Parameters:
  ///   - a: The first shape.
  ///   - b: The second shape.
  ///   - op: The op name for errors.
  /// - Throws: ``MSError`` when the shapes are incompatible.
  public static func broadcastShape(_ a: [Int], _ b: [Int], op: String = "broadcast") throws(MSError) -> [Int] {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else {
        throw .shape(op, "shapes \(a) and \(b) cannot be broadcast together")
      }
      result[i] = x == 1 ? y : x
    }
    return result
  }
}
