/// Bit-exact conversions between `Float` and the 16-bit floating-point formats.
///
/// Narrowing rounds to nearest with ties to even, produces subnormals, overflows to infinity
/// and keeps NaN a (quiet) NaN with its sign. Widening is exact.
public enum HalfPrecision {
  /// Rounds a `Float` to IEEE 754 binary16 and returns its bit pattern.
  /// - Parameter value: The value to round.
  /// - Returns: The binary16 bits.
  @inlinable
  public static func float16Bits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    let sign = UInt16(truncatingIfNeeded: (bits >> 16) & 0x8000)
    let magnitude = bits & 0x7FFF_FFFF
    if magnitude >= 0x7F80_0000 {
      // Infinity stays infinity; NaN keeps its top payload bits and is forced quiet.
      if magnitude == 0x7F80_0000 { return sign | 0x7C00 }
      return sign | 0x7E00 | UInt16(truncatingIfNeeded: (magnitude >> 13) & 0x3FF)
    }
    if magnitude >= 0x477F_F000 { return sign | 0x7C00 }  // >= 65520 rounds to infinity
    if magnitude < 0x3880_0000 {  // below 2^-14: binary16 subnormal or zero
      if magnitude <= 0x3300_0000 { return sign }  // <= 2^-25 rounds to zero (tie to even)
      let exponent = magnitude >> 23
      let mantissa = (magnitude & 0x7F_FFFF) | 0x80_0000
      let shift = 126 - exponent
      let half = UInt32(1) << (shift - 1)
      var result = mantissa >> shift
      let rest = mantissa & ((UInt32(1) << shift) - 1)
      if rest > half || (rest == half && result & 1 == 1) { result += 1 }
      return sign | UInt16(truncatingIfNeeded: result)
    }
    let rebased = magnitude - 0x3800_0000  // exponent bias 127 -> 15
    var result = rebased >> 13
    let rest = rebased & 0x1FFF
    if rest > 0x1000 || (rest == 0x1000 && result & 1 == 1) { result += 1 }
    return sign | UInt16(truncatingIfNeeded: result)
  }

  /// Widens IEEE 754 binary16 bits to a `Float` exactly.
  /// - Parameter bits: The binary16 bit pattern.
  /// - Returns: The same value as a `Float`.
  @inlinable
  public static func float(fromFloat16Bits bits: UInt16) -> Float {
    let sign = UInt32(bits & 0x8000) << 16
    let exponent = UInt32(bits >> 10) & 0x1F
    let mantissa = UInt32(bits & 0x3FF)
    if exponent == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13)) }
    if exponent == 0 {
      // Zero or subnormal: mantissa * 2^-24 is exact in Float.
      let magnitude = Float(mantissa) * 0x1p-24
      return Float(bitPattern: sign | magnitude.bitPattern)
    }
    return Float(bitPattern: sign | ((exponent + 112) << 23) | (mantissa << 13))
  }

  /// Rounds a `Float` to bfloat16 and returns its bit pattern.
  /// - Parameter value: The value to round.
  /// - Returns: The bfloat16 bits.
  @inlinable
  public static func bfloat16Bits(from value: Float) -> UInt16 {
    let bits = value.bitPattern
    if bits & 0x7FFF_FFFF > 0x7F80_0000 {
      return UInt16(truncatingIfNeeded: bits >> 16) | 0x0040  // quiet NaN, sign kept
    }
    let roundingBias = 0x7FFF + ((bits >> 16) & 1)
    return UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
  }

  /// Widens bfloat16 bits to a `Float` exactly.
  /// - Parameter bits: The bfloat16 bit pattern.
  /// - Returns: The same value as a `Float`.
  @inlinable
  public static func float(fromBFloat16Bits bits: UInt16) -> Float {
    Float(bitPattern: UInt32(bits) << 16)
  }

  /// Rounds a `Float` to the nearest value representable in `dtype` (identity for `float32`).
  /// - Parameters:
  ///   - value: The value to round.
  ///   - dtype: A floating-point dtype.
  /// - Returns: The rounded value, widened back to `Float`.
  @inlinable
  public static func round(_ value: Float, to dtype: DType) -> Float {
    switch dtype {
    case .float16: float(fromFloat16Bits: float16Bits(from: value))
    case .bfloat16: float(fromBFloat16Bits: bfloat16Bits(from: value))
    default: value
    }
  }
}
