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
    case .float16:
      // float16 keeps 11 significant bits down to 2⁻¹⁴, then a fixed step of 2⁻²⁴; scaling
      // by a power of two is exact, so rounding the scaled value rounds the significand.
      guard value.isFinite, value != 0 else { return value }
      let step = Float(sign: .plus, exponent: max(Int(value.exponent), -14) - 10, significand: 1)
      let rounded = (value / step).rounded(.toNearestOrEven) * step
      return abs(rounded) > 65504 ? (value < 0 ? -.infinity : .infinity) : rounded
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
