/// Appends little-endian varints, strings and raw bytes.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func varint(_ value: Int) {
    var v = UInt64(bitPattern: Int64(value))
    while v >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
      v >>= 7
    }
    bytes.append(UInt8(v))
  }

  mutating func string(_ s: String) {
    var s = s
    s.withUTF8 { utf8 in
      varint(utf8.count)
      bytes.append(contentsOf: utf8)
    }
  }

  mutating func raw(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

  mutating func uint32(_ value: UInt32) {
    for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
  }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked, so corrupt input throws.
struct ByteReader {
  struct Failure: Error {
    var reason: String
  }

  let bytes: [UInt8]
  var offset: Int
  let end: Int

  init(_ bytes: [UInt8], from offset: Int = 0, to end: Int? = nil) {
    self.bytes = bytes
    self.offset = offset
    self.end = end ?? bytes.count
  }

  var isAtEnd: Bool { offset >= end }

  mutating func varint() throws(Failure) -> Int {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < end, shift < 64 else { throw Failure(reason: "bad number at byte \(offset)") }
      let byte = bytes[offset]
      offset += 1
      value |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return Int(Int64(bitPattern: value)) }
      shift += 7
    }
  }

  /// A varint that must be a count or index below `limit`.
  mutating func count(below limit: Int) throws(Failure) -> Int {
    let n = try varint()
    guard n >= 0, n < limit else { throw Failure(reason: "value \(n) out of range at byte \(offset)") }
    return n
  }

  mutating func raw(_ n: Int) throws(Failure) -> ArraySlice<UInt8> {
    guard n >= 0, n <= end - offset else { throw Failure(reason: "unexpected end of data") }
    defer { offset += n }
    return bytes[offset..<offset + n]
  }

  mutating func string() throws(Failure) -> String {
    String(decoding: try raw(try varint()), as: UTF8.self)
  }

  mutating func uint32() throws(Failure) -> UInt32 {
    var value: UInt32 = 0
    for (i, b) in try raw(4).enumerated() { value |= UInt32(b) << UInt32(8 * i) }
    return value
  }
}
