/// Maps identifier bytes to keyword codes without allocating.
enum KeywordTable {
  private static let entries: [(String, Keyword)] = [
    ("def", .def), ("class", .class), ("async", .async), ("await", .await), ("if", .if),
    ("elif", .elif), ("else", .else), ("while", .while), ("for", .for), ("try", .try),
    ("except", .except), ("finally", .finally), ("with", .with), ("import", .import),
    ("from", .from), ("as", .as), ("lambda", .lambda), ("return", .return), ("pass", .pass),
    ("break", .break), ("continue", .continue), ("raise", .raise), ("del", .del),
    ("global", .global), ("nonlocal", .nonlocal), ("assert", .assert), ("yield", .yield),
    ("in", .in), ("is", .is), ("not", .not), ("and", .and), ("or", .or), ("None", .none_),
    ("True", .true_), ("False", .false_), ("match", .softMatch), ("case", .softCase),
    ("type", .softType),
  ]

  /// Open-addressed table of keywords packed into a UInt64 (little-endian, at most 8 bytes).
  private static let table: [(UInt64, UInt8)] = {
    var slots = [(UInt64, UInt8)](repeating: (0, 0), count: 256)
    for (word, keyword) in entries {
      var value: UInt64 = 0
      for (i, byte) in word.utf8.enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
      var slot = slotIndex(value)
      while slots[slot].1 != 0 { slot = (slot + 1) & 255 }
      slots[slot] = (value, keyword.rawValue)
    }
    return slots
  }()

  @inline(__always) private static func slotIndex(_ value: UInt64) -> Int {
    Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 56)
  }

  /// The keyword code of `buffer[start..<end]`, or 0 for a plain name.
  @inline(__always)
  static func code(_ buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
    let length = end - start
    guard length >= 2, length <= 8 else { return 0 }
    var value: UInt64 = 0
    if start + 8 <= buffer.count {
      // One unaligned load of eight bytes, cut to the name's length.
      value = UInt64(littleEndian: UnsafeRawPointer(buffer.baseAddress! + start).loadUnaligned(as: UInt64.self))
      if length < 8 { value &= (1 << (8 * UInt64(length))) &- 1 }
    } else {
      for i in 0..<length { value |= UInt64(buffer[start + i]) << (8 * UInt64(i)) }
    }
    var slot = slotIndex(value)
    while true {
      let entry = table[slot]
      if entry.1 == 0 { return 0 }
      if entry.0 == value { return entry.1 }
      slot = (slot + 1) & 255
    }
  }
}
