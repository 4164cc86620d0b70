#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks the encoding of Python source bytes: BOM, coding cookie, UTF-8 validity.
enum SourceEncoding {
  /// Length of a leading UTF-8 byte order mark, or 0.
  static func bomLength(_ b: UnsafeBufferPointer<UInt8>) -> Int {
    b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF ? 3 : 0
  }

  /// The encoding a PEP 263 cookie in the first two lines declares, when it is not UTF-8.
  static func declaredOtherEncoding(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> String? {
    var i = start
    for _ in 0..<2 {
      let lineStart = i
      while i < b.count, b[i] != 10, b[i] != 13 { i += 1 }
      if let name = cookie(b, lineStart, i) {
        let normalized = String(name.lowercased().map { $0 == "_" ? "-" : $0 })
        return normalized == "utf-8" || normalized == "utf8" || normalized.hasPrefix("utf-8-") ? nil : name
      }
      if i < b.count, b[i] == 13, i + 1 < b.count, b[i + 1] == 10 { i += 1 }
      i += 1
      if i >= b.count { break }
    }
    return nil
  }

  /// `source` re-encoded from `encoding` to UTF-8 with iconv, or nil when iconv does not know
  /// the encoding or the bytes are not valid in it.
  static func transcodedToUTF8(_ source: [UInt8], from encoding: String) -> [UInt8]? {
    // Python spells codecs `latin_1`, `latin-1`, `koi8_r`; iconv knows `latin1`, `koi8-r`.
    let name = encoding.lowercased()
    let candidates = [name, name.replacingAll("_", with: "-"), name.filter { $0 != "_" && $0 != "-" }]
    guard let converter = candidates.lazy.map({ iconv_open("UTF-8", $0) })
      .first(where: { $0 != iconv_t(bitPattern: -1) })
    else { return nil }
    defer { iconv_close(converter) }
    var output = [UInt8](repeating: 0, count: source.count * 4 + 4)
    var input = source
    let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var inLeft = inBuffer.count
        var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
        var outLeft = outBuffer.count
        guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
        return outBuffer.count - outLeft
      }
    }
    guard let written else { return nil }
    output.removeSubrange(written...)
    return output
  }

  /// The encoding named by `coding[:=]` in a comment line, if any.
  private static func cookie(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String? {
    var i = start
    while i < end, b[i] == 32 || b[i] == 9 || b[i] == 12 { i += 1 }
    guard i < end, b[i] == UInt8(ascii: "#") else { return nil }
    let word: StaticString = "coding"
    let length = word.utf8CodeUnitCount
    func matches(at i: Int) -> Bool {
      for k in 0..<length where b[i + k] != word.utf8Start[k] { return false }
      return true
    }
    while i + length < end {
      if matches(at: i), b[i + length] == UInt8(ascii: ":") || b[i + length] == UInt8(ascii: "=") {
        var j = i + length + 1
        while j < end, b[j] == 32 || b[j] == 9 { j += 1 }
        let nameStart = j
        while j < end, Lexer.isIdentifierByte(b[j]) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ".") {
          j += 1
        }
        return j > nameStart ? String(decoding: b[nameStart..<j], as: UTF8.self) : nil
      }
      i += 1
    }
    return nil
  }

  /// The 1-based line and column of the first byte that is not valid UTF-8, or nil.
  static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (line: Int, column: Int)? {
    let n = b.count
    var i = start
    while i < n {
      // Fast path: eight ASCII bytes at a time.
      if i + 8 <= n {
        let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          i += 8
          continue
        }
      }
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      if c & 0xE0 == 0xC0 { length = 2; minimum = 0x80 }
      else if c & 0xF0 == 0xE0 { length = 3; minimum = 0x800 }
      else if c & 0xF8 == 0xF0 { length = 4; minimum = 0x10000 }
      else { return position(b, start, i) }
      guard i + length <= n else { return position(b, start, i) }
      var scalar = UInt32(c) & (0xFF >> UInt32(length + 1))
      for k in 1..<length {
        let d = b[i + k]
        guard d & 0xC0 == 0x80 else { return position(b, start, i) }
        scalar = scalar << 6 | UInt32(d & 0x3F)
      }
      if scalar < minimum || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) {
        return position(b, start, i)
      }
      i += length
    }
    return nil
  }

  private static func position(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ at: Int) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = start
    var i = start
    while i < at {
      if b[i] == 10 || (b[i] == 13 && (i + 1 >= b.count || b[i + 1] != 10)) {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return (line, at - lineStart + 1)
  }
}

extension String {
  fileprivate func replacingAll(_ character: Character, with replacement: Character) -> String {
    String(map { $0 == character ? replacement : $0 })
  }
}
