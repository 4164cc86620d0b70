extension Tensor {
  /// Makes this tensor the sole owner of its storage before an in-place write through its
  /// strides (copy-on-write): a shared buffer is copied as it is, layout kept, when the view
  /// covers its elements once (a permute of a contiguous tensor); a view that repeats elements
  /// (a broadcast) or covers a part of the buffer becomes a dense copy.
  mutating func makeUnique() {
    guard !isKnownUniquelyReferenced(&storage) else { return }
    let width = dtype.byteWidth
    // Views derive from permutes, reshapes, narrows and expands: one that starts the buffer,
    // holds as many elements and repeats none along a dimension is a reordering of all of them.
    let isWholeBuffer = offset == 0 && count * width == storage.byteCount
      && !zip(shape, strides).contains { $0 > 1 && $1 == 0 }
    guard isWholeBuffer else {
      self = copy()
      return
    }
    let duplicate = TensorStorage(byteCount: storage.byteCount)
    duplicate.bytes.copyMemory(from: storage.bytes, byteCount: storage.byteCount)
    storage = duplicate
  }
}

extension Tensor {
  /// A dense copy of this floating-point tensor with `source` stored, rounded to its dtype, into
  /// the elements that `view` selects — when `view` only derives a view of its argument (shares
  /// its storage: reshapes that need no copy, permutes, narrows, expands; with repeated
  /// elements the last write wins, in row-major order). `nil` when `view` copies, the tensor is
  /// not floating-point or the shapes differ.
  /// - Parameters:
  ///   - view: Derives the written view from the copy.
  ///   - source: The values, of the view's shape.
  /// - Throws: What `view` throws.
  public func updating<E: Error>(through view: (Tensor) throws(E) -> Tensor, with source: Tensor) throws(E) -> Tensor? {
    guard dtype.isFloatingPoint else { return nil }
    let result = copy()
    let viewed = try view(result)
    guard viewed.sharesStorage(with: result), viewed.shape == source.shape else { return nil }
    let inner = viewed.shape.last ?? 1
    let innerStride = viewed.strides.last ?? 1
    source.withFloats { values in
      guard let base = values.baseAddress else { return }
      viewed.forEachRow { row, start in
        if innerStride == 1 {
          result.storeRow(base + row * inner, count: inner, at: start)
        } else {
          for i in 0..<inner { result.storeFloat(base[row * inner + i], at: start + i * innerStride) }
        }
      }
    }
    return result
  }
}
