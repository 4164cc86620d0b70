import CLibGit2

/// A git object id: the 20-byte SHA-1 of a commit, tree, blob or tag.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  // Three words instead of 20 separate bytes keep hashing and comparison cheap.
  private let high: UInt64
  private let middle: UInt64
  private let low: UInt32

  /// Creates an id from exactly 20 bytes.
  /// - Parameter bytes: the raw id; nil unless there are 20 of them.
  public init?(bytes: some Collection<UInt8>) {
    guard bytes.count == 20 else { return nil }
    (high, middle, low) = Self.words(bytes)
  }

  /// Parses 40 hexadecimal digits.
  /// - Parameter hex: the id in hexadecimal, either case.
  public init?(hex: some StringProtocol) {
    let utf8 = Array(hex.utf8)
    guard utf8.count == 40 else { return nil }
    var bytes = [UInt8]()
    bytes.reserveCapacity(20)
    for i in stride(from: 0, to: 40, by: 2) {
      guard let a = Self.nibble(utf8[i]), let b = Self.nibble(utf8[i + 1]) else { return nil }
      bytes.append(a << 4 | b)
    }
    self.init(bytes: bytes)
  }

  init(_ oid: git_oid) {
    var oid = oid
    (high, middle, low) = withUnsafeBytes(of: &oid.id) { Self.words($0.prefix(20)) }
  }

  private static func words(_ bytes: some Sequence<UInt8>) -> (UInt64, UInt64, UInt32) {
    var h: UInt64 = 0, m: UInt64 = 0, l: UInt32 = 0
    for (i, b) in bytes.enumerated() {
      switch i {
      case 0..<8: h = h << 8 | UInt64(b)
      case 8..<16: m = m << 8 | UInt64(b)
      default: l = l << 8 | UInt32(b)
      }
    }
    return (h, m, l)
  }

  /// The 20 raw bytes.
  public var bytes: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(20)
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift))) }
    for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: middle >> UInt64(shift))) }
    for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: low >> UInt32(shift))) }
    return out
  }

  /// The id as 40 lowercase hexadecimal digits.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(40)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  public var description: String { hex }

  public static func < (a: ObjectID, b: ObjectID) -> Bool {
    (a.high, a.middle, a.low) < (b.high, b.middle, b.low)
  }

  var oid: git_oid {
    var oid = git_oid()
    let bytes = self.bytes
    withUnsafeMutableBytes(of: &oid.id) { $0.copyBytes(from: bytes) }
    return oid
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
