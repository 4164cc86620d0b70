/// A floating-point element type of the upstream ops: values are stored rounded to it and
/// computed in float32.
public enum FloatType: String, CaseIterable, Codable, Sendable {
  case float32
  case float16
  case bfloat16

  /// Bytes per element.
  public var elementSize: Int { self == .float32 ? 4 : 2 }

  /// Rounds a float32 value to this type (round to nearest, ties to even) and back.
  public func round(_ value: Float) -> Float {
    switch self {
    case .float32: return value
    case .float16: return Float(Float16(value))
    case .bfloat16:
      if value.isNaN { return value }
      let bits = value.bitPattern
      let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
      return Float(bitPattern: rounded & 0xFFFF_0000)
    }
  }

  /// Rounds every value to this type.
  public func round(_ values: [Float]) -> [Float] {
    self == .float32 ? values : values.map { round($0) }
  }
}
