/// The element type of a ``Tensor``, named as in `mindspore.common.dtype`.
///
/// Floating-point tensors store `float32`, `float16` or `bfloat16` and always compute in
/// `float32`; results are rounded (to nearest, ties to even) to the output dtype, as on device.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
  case float32, float16, bfloat16, int32, int64, int8, bool

  /// Bytes one element occupies in storage.
  public var byteWidth: Int {
    switch self {
    case .float32, .int32: 4
    case .float16, .bfloat16: 2
    case .int64: 8
    case .int8, .bool: 1
    }
  }

  /// Whether the dtype holds floating-point values.
  public var isFloatingPoint: Bool {
    switch self {
    case .float32, .float16, .bfloat16: true
    case .int32, .int64, .int8, .bool: false
    }
  }

  /// Parses a dtype name as written in MindSpore code or YAML: `float16`, `mstype.float16`,
  /// `ms.bfloat16`, and the short forms `fp32`, `fp16`, `bf16`.
  /// - Parameter name: The spelling to parse.
  /// - Returns: The dtype, or `nil` when the name is not known.
  public init?(name: String) {
    let base = name.split(separator: ".").last.map(String.init) ?? name
    switch base {
    case "fp32", "float": self = .float32
    case "fp16", "half": self = .float16
    case "bf16": self = .bfloat16
    case "int", "long": self = .int64
    case "bool_": self = .bool
    default:
      guard let dtype = DType(rawValue: base) else { return nil }
      self = dtype
    }
  }

  public var description: String { rawValue }
}
