import Testing

@testable import MSRuntime

struct HalfCase: Sendable, CustomStringConvertible {
  let value: Float
  let bits: UInt16
  var description: String { "\(value) -> 0x\(String(bits, radix: 16))" }
}

@Suite struct HalfPrecisionTests {
  @Test(arguments: [
    HalfCase(value: 0, bits: 0x0000),
    HalfCase(value: -0.0, bits: 0x8000),
    HalfCase(value: 1, bits: 0x3C00),
    HalfCase(value: -2, bits: 0xC000),
    HalfCase(value: 65504, bits: 0x7BFF),  // largest finite
    HalfCase(value: 65519.996, bits: 0x7BFF),  // just below the overflow tie
    HalfCase(value: 65520, bits: 0x7C00),  // tie between 65504 and 65536: even is infinity
    HalfCase(value: 1e6, bits: 0x7C00),
    HalfCase(value: -.infinity, bits: 0xFC00),
    HalfCase(value: 0x1p-14, bits: 0x0400),  // smallest normal
    HalfCase(value: 0x1p-24, bits: 0x0001),  // smallest subnormal
    HalfCase(value: 0x1p-25, bits: 0x0000),  // tie to even (zero)
    HalfCase(value: 0x1.8p-25, bits: 0x0001),  // above the tie
    HalfCase(value: 0x1.8p-24, bits: 0x0002),  // 1.5 ulp ties to even (2)
    HalfCase(value: 0x1.4p-24, bits: 0x0001),
    HalfCase(value: 0x3FFp-24, bits: 0x03FF),  // largest subnormal
    HalfCase(value: 0x1.FFFp-15, bits: 0x0400),  // rounds up into the normals
    HalfCase(value: 1 + 0x1p-11, bits: 0x3C00),  // tie, even stays
    HalfCase(value: 1 + 0x3p-11, bits: 0x3C02),  // tie, odd rounds up
    HalfCase(value: 1 + 0x1p-11 + 0x1p-20, bits: 0x3C01),  // above the tie
    HalfCase(value: 0.1, bits: 0x2E66),
    HalfCase(value: 1e-10, bits: 0x0000),
  ])
  func float16RoundsToNearestEven(_ c: HalfCase) {
    #expect(HalfPrecision.float16Bits(from: c.value) == c.bits)
  }

  @Test(arguments: [
    HalfCase(value: 1, bits: 0x3F80),
    HalfCase(value: -0.0, bits: 0x8000),
    HalfCase(value: 1 + 0x1p-8, bits: 0x3F80),  // tie, even stays
    HalfCase(value: 1 + 0x3p-8, bits: 0x3F82),  // tie, odd rounds up
    HalfCase(value: 1 + 0x1p-8 + 0x1p-20, bits: 0x3F81),
    HalfCase(value: 0x1p-149, bits: 0x0000),  // float32 subnormal, tie to even
    HalfCase(value: 0x1p-133, bits: 0x0001),  // smallest bfloat16 subnormal
    HalfCase(value: .greatestFiniteMagnitude, bits: 0x7F80),  // overflows to infinity
    HalfCase(value: 0x1.FEp127, bits: 0x7F7F),
    HalfCase(value: .infinity, bits: 0x7F80),
    HalfCase(value: 3.140625, bits: 0x4049),
  ])
  func bfloat16RoundsToNearestEven(_ c: HalfCase) {
    #expect(HalfPrecision.bfloat16Bits(from: c.value) == c.bits)
  }

  @Test func nanStaysNaNWithSign() {
    let negativeNaN = Float(bitPattern: 0xFFC0_0001)
    let f16 = HalfPrecision.float16Bits(from: negativeNaN)
    #expect(f16 & 0x7C00 == 0x7C00 && f16 & 0x3FF != 0 && f16 & 0x8000 != 0)
    #expect(HalfPrecision.float(fromFloat16Bits: f16).isNaN)
    let signalling = Float(bitPattern: 0x7F80_0001)  // payload only in low bits
    #expect(HalfPrecision.float(fromFloat16Bits: HalfPrecision.float16Bits(from: signalling)).isNaN)
    #expect(HalfPrecision.float(fromBFloat16Bits: HalfPrecision.bfloat16Bits(from: signalling)).isNaN)
    #expect(HalfPrecision.bfloat16Bits(from: negativeNaN) & 0x8000 != 0)
  }

  @Test func everyFloat16RoundTripsExactly() {
    for bits in UInt16.min...UInt16.max {
      let value = HalfPrecision.float(fromFloat16Bits: bits)
      if value.isNaN { continue }
      #expect(HalfPrecision.float16Bits(from: value) == bits)
      #if arch(x86_64) || arch(arm64)
        // Independent reference: the standard library's binary16 type.
        if Float(Float16(bitPattern: bits)) != value { Issue.record("widening 0x\(String(bits, radix: 16))") }
      #endif
    }
  }

  @Test func narrowingMatchesStandardLibraryOnManyFloats() {
    var generator = SeededGenerator(seed: 7)
    var mismatches = 0
    for _ in 0..<200_000 {
      // Random bit patterns concentrated on the binary16 range, including subnormals.
      let exponent = UInt32(truncatingIfNeeded: 97 + generator.next() % 50)
      let bits = UInt32(truncatingIfNeeded: generator.next()) & 0x807F_FFFF | (exponent << 23)
      let value = Float(bitPattern: bits)
      if HalfPrecision.float16Bits(from: value) != Float16(value).bitPattern { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  @Test func bfloat16WideningIsExact() {
    for bits: UInt16 in [0x0001, 0x3F80, 0x7F7F, 0x8001, 0xC049] {
      #expect(HalfPrecision.bfloat16Bits(from: HalfPrecision.float(fromBFloat16Bits: bits)) == bits)
    }
  }
}

@Suite struct BulkConversionTests {
  /// Storage bits of a contiguous 16-bit tensor.
  func bits(_ t: Tensor) -> [UInt16] {
    let p = t.storage.bytes.assumingMemoryBound(to: UInt16.self) + t.offset
    return (0..<t.count).map { p[$0] }
  }

  @Test func bulkNarrowingMatchesScalarBitForBit() throws {
    var values = (UInt16.min...UInt16.max).map { HalfPrecision.float(fromFloat16Bits: $0) }
    var generator = SeededGenerator(seed: 99)
    for _ in 0..<200_000 { values.append(Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()))) }
    values += [0x1p-25, 0x1.8p-25, 65520, 65519.996, .greatestFiniteMagnitude, -.infinity, 0x1p-149]
    let source = try Tensor(shape: [values.count], values: values)
    let half = bits(source.cast(to: .float16)), brain = bits(source.cast(to: .bfloat16))
    var mismatches = 0
    for (i, value) in values.enumerated() {
      if half[i] != HalfPrecision.float16Bits(from: value) { mismatches += 1 }
      if brain[i] != HalfPrecision.bfloat16Bits(from: value) { mismatches += 1 }
    }
    #expect(mismatches == 0)
  }

  @Test func bulkWideningMatchesScalarBitForBit() throws {
    let all = (UInt16.min...UInt16.max).map { HalfPrecision.float(fromFloat16Bits: $0) }
    let half = try Tensor(shape: [all.count], values: all).cast(to: .float16)
    let widened = half.toFloatArray()
    #expect(zip(widened, all).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
    let brainValues = (UInt16.min...UInt16.max).map { HalfPrecision.float(fromBFloat16Bits: $0) }
    let brain = try Tensor(shape: [brainValues.count], values: brainValues).cast(to: .bfloat16)
    #expect(zip(brain.toFloatArray(), brainValues).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
  }
}
