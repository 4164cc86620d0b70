/// Appends JSON tokens to a byte buffer: strings escaped the way `JSONEncoder` does (quote,
/// backslash and control characters; `/` and non-ASCII text are written as they are).
///
/// The buffer is its own growable allocation rather than an `Array`, so appending a byte is a
/// capacity check and a store, with no copy-on-write check.
struct JSONWriter: ~Copyable {
  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int

  init(capacity: Int = 0) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit {
    base.deallocate()
  }

  /// The bytes written so far.
  var bytes: [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Makes room for `extra` more bytes.
  @inline(__always) private mutating func reserve(_ extra: Int) {
    if count + extra > capacity { grow(count + extra) }
  }

  private mutating func grow(_ needed: Int) {
    let newCapacity = max(needed, capacity * 2)
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  /// Appends raw bytes as they are.
  mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
    guard let start = text.baseAddress, !text.isEmpty else { return }
    reserve(text.count)
    (base + count).update(from: start, count: text.count)
    count += text.count
  }

  /// Appends the bytes another writer holds.
  mutating func append(_ other: borrowing JSONWriter) {
    append(UnsafeBufferPointer(start: other.base, count: other.count))
  }

  mutating func raw(_ text: StaticString) {
    let length = text.utf8CodeUnitCount
    reserve(length)
    for k in 0..<length { base[count + k] = text.utf8Start[k] }
    count += length
  }

  @inline(__always) mutating func byte(_ value: UInt8) {
    reserve(1)
    base[count] = value
    count += 1
  }

  /// `"key":` — keys are static and need no escaping.
  mutating func key(_ name: StaticString) {
    let length = name.utf8CodeUnitCount
    reserve(length + 3)
    base[count] = UInt8(ascii: "\"")
    // Keys are short: a byte loop beats a call to memcpy.
    for k in 0..<length { base[count + 1 + k] = name.utf8Start[k] }
    base[count + length + 1] = UInt8(ascii: "\"")
    base[count + length + 2] = UInt8(ascii: ":")
    count += length + 3
  }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { appendEscaped($0) }
  }

  mutating func string(_ value: String?) {
    if let value { string(value) } else { raw("null") }
  }

  mutating func bool(_ value: Bool) {
    if value { raw("true") } else { raw("false") }
  }

  mutating func bool(_ value: Bool?) {
    if let value { bool(value) } else { raw("null") }
  }

  mutating func int(_ value: Int) {
    if value < 0 { byte(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits = 1
    var scale: UInt = 10
    while magnitude >= scale, digits < 19 {
      digits += 1
      scale &*= 10
    }
    if digits == 19, magnitude >= scale { digits = 20 }
    reserve(digits)
    var at = count + digits
    repeat {
      at -= 1
      base[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    count += digits
  }

  /// `[a,b,c]` of strings, or `null`.
  mutating func strings(_ values: [String]?) {
    guard let values else { return raw("null") }
    byte(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { byte(UInt8(ascii: ",")) }
      string(value)
    }
    byte(UInt8(ascii: "]"))
  }

  private static let hexDigits: StaticString = "0123456789abcdef"

  /// True when one of the eight bytes of `word` is a control character, `"` or `\`; it may
  /// also be true for a word that has none, never false for one that has.
  @inline(__always) private static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
    let hasControl = (word &- ones &* 0x20) & ~word & highs != 0
    return hasControl || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
  }

  private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    byte(UInt8(ascii: "\""))
    let n = text.count
    var clean = 0  // start of the run of bytes that need no escape
    var index = 0
    while index < n {
      // Eight bytes at a time while none of them needs an escape.
      if index + 8 <= n,
         !Self.mayNeedEscape(UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self)) {
        index += 8
        continue
      }
      let byte = text[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        index += 1
        continue
      }
      append(UnsafeBufferPointer(rebasing: text[clean..<index]))
      index += 1
      clean = index
      self.byte(UInt8(ascii: "\\"))
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): self.byte(byte)
      case 0x08: self.byte(UInt8(ascii: "b"))
      case 0x0C: self.byte(UInt8(ascii: "f"))
      case 0x0A: self.byte(UInt8(ascii: "n"))
      case 0x0D: self.byte(UInt8(ascii: "r"))
      case 0x09: self.byte(UInt8(ascii: "t"))
      default:
        raw("u00")
        self.byte(Self.hexDigits.utf8Start[Int(byte >> 4)])
        self.byte(Self.hexDigits.utf8Start[Int(byte & 0xF)])
      }
    }
    append(UnsafeBufferPointer(rebasing: text[clean...]))
    self.byte(UInt8(ascii: "\""))
  }
}
