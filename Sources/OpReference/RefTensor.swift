/// A dense row-major array of float32 values with a shape: the reference's only data type.
public struct RefTensor: Hashable, Sendable {
  public var shape: [Int]
  public var values: [Float]

  /// Creates a tensor; `values.count` must equal the product of `shape`.
  public init(shape: [Int], values: [Float]) {
    precondition(values.count == shape.reduce(1, *), "RefTensor: \(values.count) values for shape \(shape)")
    self.shape = shape
    self.values = values
  }

  /// A tensor of zeros.
  public static func zeros(_ shape: [Int]) -> RefTensor {
    RefTensor(shape: shape, values: [Float](repeating: 0, count: shape.reduce(1, *)))
  }

  /// The number of elements.
  public var count: Int { values.count }

  /// The size of the last dimension (1 for a scalar).
  public var lastDim: Int { shape.last ?? 1 }

  /// The number of rows when the tensor is viewed as `[count / lastDim, lastDim]`.
  public var rows: Int { lastDim == 0 ? 0 : count / lastDim }
}
