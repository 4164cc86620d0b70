extension Tensor {
  /// Makes this tensor the sole owner of dense storage before an in-place write, copying when
  /// the storage is shared with another tensor or the layout is strided (copy-on-write).
  mutating func makeUniqueContiguous() {
    if !isKnownUniquelyReferenced(&storage) || !isContiguous { self = copy() }
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
