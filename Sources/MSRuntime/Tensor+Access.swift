extension Tensor {
  /// All elements in row-major order, widened to `Float`.
  public func toFloatArray() -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let base = buffer.baseAddress { copyFloats(into: base) }
      initialized = count
    }
  }

  /// All elements in row-major order as `Int` (floats truncate toward zero).
  public func toIntArray() -> [Int] {
    let inner = shape.last ?? 1
    let innerStride = strides.last ?? 1
    let base = storage.bytes
    return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
      guard let out = buffer.baseAddress else { return }
      forEachRow { row, start in
        let target = out + row * inner
        switch dtype {
        case .int64:
          let source = base.assumingMemoryBound(to: Int64.self) + start
          for i in 0..<inner { target[i] = Int(source[i * innerStride]) }
        case .int32:
          let source = base.assumingMemoryBound(to: Int32.self) + start
          for i in 0..<inner { target[i] = Int(source[i * innerStride]) }
        default:
          for i in 0..<inner { target[i] = loadInt(start + i * innerStride) }
        }
      }
      initialized = count
    }
  }

  /// The value of a one-element tensor.
  /// - Throws: ``MSError`` when the tensor does not hold exactly one element.
  public var scalar: Float {
    get throws(MSError) {
      guard count == 1 else { throw .shape("scalar", "tensor of shape \(shape) is not a scalar") }
      return loadFloat(offset)
    }
  }

  /// The storage position of the element at `indices` (negative indices count from the end).
  func position(of indices: [Int]) throws(MSError) -> Int {
    guard indices.count == rank else {
      throw .argument("index", "\(indices.count) indices for a tensor of rank \(rank)")
    }
    var position = offset
    for (dim, index) in indices.enumerated() {
      let normalised = index < 0 ? index + shape[dim] : index
      guard normalised >= 0, normalised < shape[dim] else {
        throw .argument("index", "index \(index) is out of range for dimension \(dim) of size \(shape[dim])")
      }
      position += normalised * strides[dim]
    }
    return position
  }

  /// The element at `indices`, widened to `Float`.
  /// - Throws: ``MSError`` when the number of indices or an index is out of range.
  public subscript(_ indices: [Int]) -> Float {
    get throws(MSError) { loadFloat(try position(of: indices)) }
  }

  /// The element at `indices`, widened to `Float`.
  /// - Throws: ``MSError`` when the number of indices or an index is out of range.
  public subscript(_ indices: Int...) -> Float {
    get throws(MSError) { loadFloat(try position(of: indices)) }
  }

  /// The element at `indices` as `Int` (floats truncate toward zero).
  /// - Parameter indices: One index per dimension.
  /// - Throws: ``MSError`` when the number of indices or an index is out of range.
  public func int(at indices: [Int]) throws(MSError) -> Int { loadInt(try position(of: indices)) }

  /// A dense row-major copy (or `self` when already contiguous).
  public func contiguous() -> Tensor {
    if isContiguous { return self }
    return copy()
  }

  /// A dense row-major copy with its own storage.
  public func copy() -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: dtype)
    switch dtype.byteWidth {
    case 8: copyElements(as: UInt64.self, into: result)
    case 4: copyElements(as: UInt32.self, into: result)
    case 2: copyElements(as: UInt16.self, into: result)
    default: copyElements(as: UInt8.self, into: result)
    }
    return result
  }

  /// Copies the elements, as `T` of the dtype's width, into the dense `result` in row-major order.
  private func copyElements<T>(as _: T.Type, into result: Tensor) {
    let source = storage.bytes.assumingMemoryBound(to: T.self)
    let target = result.storage.bytes.assumingMemoryBound(to: T.self)
    if isContiguous {
      target.update(from: source + offset, count: count)
      return
    }
    if rank == 1 {
      for i in 0..<count { target[i] = source[offset + i * strides[0]] }
      return
    }
    // Tiles of two dimensions at a time: the last one (written densely) and the one the source
    // reads densely when that is another (a transpose, copied tile by tile so both sides stay
    // in cache), else the one before last. The other dimensions are walked once per tile.
    let last = rank - 1
    let inner = (0..<last).last { strides[$0] == 1 && shape[$0] > 1 } ?? last - 1
    var outStrides = [Int](repeating: 1, count: rank)
    for dim in stride(from: rank - 2, through: 0, by: -1) { outStrides[dim] = outStrides[dim + 1] * shape[dim + 1] }
    let (rows, columns) = (shape[inner], shape[last])
    let (rowStride, columnStride, outRowStride) = (strides[inner], strides[last], outStrides[inner])
    let outer = (0..<last).filter { $0 != inner }
    let tiles = outer.reduce(1) { $0 * shape[$1] }
    var index = [Int](repeating: 0, count: outer.count)
    var (from, to) = (offset, 0)
    for _ in 0..<tiles {
      // Index arithmetic wraps (it stays within the tensor), so the inner loops carry no checks.
      if rowStride == 1 && columnStride != 1 {
        for c in 0..<columns {
          let column = source + from + c * columnStride, out = target + to + c
          for r in 0..<rows { out[r &* outRowStride] = column[r] }
        }
      } else {
        for r in 0..<rows {
          let row = source + from + r * rowStride, out = target + to + r * outRowStride
          if columnStride != 1 {
            for c in 0..<columns { out[c] = row[c &* columnStride] }
          } else if columns >= 32 {
            out.update(from: row, count: columns)
          } else {
            for c in 0..<columns { out[c] = row[c] }
          }
        }
      }
      var k = outer.count - 1
      while k >= 0 {
        let dim = outer[k]
        index[k] += 1
        from += strides[dim]
        to += outStrides[dim]
        if index[k] < shape[dim] { break }
        from -= strides[dim] * shape[dim]
        to -= outStrides[dim] * shape[dim]
        index[k] = 0
        k -= 1
      }
    }
  }

  /// Converts to another dtype: floats round to nearest-even, floats to integers truncate
  /// toward zero (NaN to 0) and saturate, integers convert exactly where representable.
  /// - Parameter dtype: The target element type.
  /// - Returns: `self` when the dtype already matches, otherwise a contiguous copy.
  public func cast(to dtype: DType) -> Tensor {
    if dtype == self.dtype { return self }
    if dtype.isFloatingPoint || self.dtype.isFloatingPoint && dtype == .bool {
      return withFloats { source in
        Tensor.make(shape, dtype: dtype) { out in
          if let base = source.baseAddress, let target = out.baseAddress { target.update(from: base, count: source.count) }
        }
      }
    }
    return Tensor.makeInts(shape, dtype: dtype, toIntArray())
  }
}
