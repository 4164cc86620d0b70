/// An n-dimensional array with value semantics over a shared, strided storage buffer.
///
/// Views (`reshape` of a contiguous tensor, `permute`, `transpose`, `slice`, `narrow`,
/// `unsqueeze`, `squeeze`, `expand`) share storage and copy nothing. Ops never mutate their
/// inputs; the few that update a cache in place take it `inout` and copy first when the
/// storage is shared (copy-on-write).
public struct Tensor: Sendable {
  /// The element type.
  public let dtype: DType
  /// The size of each dimension.
  public let shape: [Int]
  /// The distance, in elements, between neighbours along each dimension (0 when broadcast).
  public let strides: [Int]
  /// The storage position, in elements, of the first element.
  public let offset: Int
  var storage: TensorStorage

  init(storage: TensorStorage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
    self.storage = storage
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
    self.offset = offset
  }

  /// Allocates an uninitialised contiguous tensor. `shape` must already be validated.
  init(uninitialized shape: [Int], dtype: DType, zeroed: Bool = false) {
    let count = shape.reduce(1, *)
    self.init(
      storage: TensorStorage(byteCount: count * dtype.byteWidth, zeroed: zeroed), dtype: dtype,
      shape: shape, strides: Tensor.contiguousStrides(for: shape), offset: 0)
  }

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }

  /// Whether elements are laid out densely in row-major order (so `reshape` is a view).
  public var isContiguous: Bool {
    var expected = 1
    for dim in stride(from: shape.count - 1, through: 0, by: -1) where shape[dim] != 1 {
      if strides[dim] != expected { return false }
      expected *= shape[dim]
    }
    return true
  }

  /// Whether this tensor and `other` view the same storage buffer.
  public func sharesStorage(with other: Tensor) -> Bool { storage === other.storage }

  /// Row-major strides for `shape`.
  /// - Parameter shape: The dimensions.
  /// - Returns: The stride of each dimension, in elements.
  public static func contiguousStrides(for shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for dim in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[dim] = running
      running *= max(shape[dim], 1)
    }
    return strides
  }

  /// Checks that a shape has no negative dimension and an element count that fits memory.
  static func validate(shape: [Int], op: String) throws(MSError) {
    var total = 1
    for size in shape {
      guard size >= 0 else { throw .shape(op, "negative dimension in shape \(shape)") }
      let (product, overflow) = total.multipliedReportingOverflow(by: size)
      // Element counts, strides and BLAS dimensions then all fit in Int32.
      guard !overflow, product < Int(Int32.max) else { throw .shape(op, "shape \(shape) is too large") }
      total = product
    }
  }

  /// Normalises a possibly negative dimension index against `rank`.
  static func axis(_ dim: Int, rank: Int, op: String) throws(MSError) -> Int {
    let normalised = dim < 0 ? dim + rank : dim
    guard normalised >= 0, normalised < rank else {
      throw .argument(op, "dimension \(dim) is out of range for rank \(rank)")
    }
    return normalised
  }
}

extension Tensor: CustomStringConvertible {
  /// The dtype and shape, e.g. `Tensor(float16, [2, 3])`.
  public var description: String { "Tensor(\(dtype), \(shape))" }
}
