extension Tensor {
  /// Makes this tensor the sole owner of dense storage before an in-place write, copying when
  /// the storage is shared with another tensor or the layout is strided (copy-on-write).
  mutating func makeUniqueContiguous() {
    if !isKnownUniquelyReferenced(&storage) || !isContiguous { self = copy() }
  }
}
