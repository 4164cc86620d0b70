/// The top-level entries of a Python dict, list, tuple or set literal, as source text.
struct CollectionLiteral {
  /// For a dict, each key with its value; otherwise each item with a nil value.
  let entries: [(key: String, value: String?)]
  let isDict: Bool

  /// Parses `text` when it is a complete `{k: v}`, `[a, b]`, `(a, b)` or `{a, b}` literal
  /// (not a comprehension, not a `**` merge).
  init?(_ text: String) {
    // Bytes, not characters: every delimiter is ASCII, and no byte of a multi-byte UTF-8
    // sequence is, so the scan needs no grapheme breaking.
    let bytes = Array(text.trimmingWhitespace.utf8)
    let pairs: [UInt8: UInt8] = [UInt8(ascii: "{"): UInt8(ascii: "}"), UInt8(ascii: "["): UInt8(ascii: "]"),
                                 UInt8(ascii: "("): UInt8(ascii: ")")]
    guard bytes.count >= 2, let open = bytes.first, let close = bytes.last, pairs[open] == close else { return nil }
    func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self).trimmingWhitespace }
    var parts: [(String, String?)] = []
    var depth = 0
    var quote: UInt8?
    var escaped = false
    var start = 1
    var colon: Int?
    var sawComma = false
    func take(_ end: Int) -> Bool {
      let whole = slice(start..<end)
      if whole.isEmpty { return end == bytes.count - 1 }
      if whole.hasPrefix("*") || whole.contains(" for ") { return false }
      if let colon {
        parts.append((slice(start..<colon), slice((colon + 1)..<end)))
      } else {
        parts.append((whole, nil))
      }
      return true
    }
    for i in 1..<(bytes.count - 1) {
      let c = bytes[i]
      if let q = quote {
        if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == q { quote = nil }
        continue
      }
      switch c {
      case UInt8(ascii: "'"), UInt8(ascii: "\""): quote = c
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      case UInt8(ascii: ":") where depth == 0 && colon == nil: colon = i
      case UInt8(ascii: ",") where depth == 0:
        sawComma = true
        guard take(i) else { return nil }
        start = i + 1
        colon = nil
      default: break
      }
      if depth < 0 { return nil }
    }
    guard quote == nil, depth == 0, take(bytes.count - 1) else { return nil }
    let keyed = parts.filter { $0.1 != nil }.count
    guard keyed == 0 || (keyed == parts.count && open == UInt8(ascii: "{")) else { return nil }
    // `(x)` is a parenthesised expression, not a tuple.
    if open == UInt8(ascii: "(") && !sawComma { return nil }
    entries = parts
    isDict = keyed > 0 || (open == UInt8(ascii: "{") && parts.isEmpty)
  }

  /// Keys (or items) added, removed and changed, in key order; nil when the two literals
  /// are not of the same sort.
  func changes(to new: CollectionLiteral) -> [ChangeDetail]? {
    guard isDict == new.isDict || entries.isEmpty || new.entries.isEmpty else { return nil }
    let dict = isDict || new.isDict
    let old = Dictionary(entries.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
    let newValues = Dictionary(new.entries.map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { _, b in b })
    var details: [ChangeDetail] = []
    for key in Set(old.keys).union(newValues.keys).sorted() {
      switch (old[key], newValues[key]) {
      case (nil, let n?): details.append(ChangeDetail(dict ? .keyAdded : .itemAdded, name: key, new: dict ? n : nil))
      case (let o?, nil): details.append(ChangeDetail(dict ? .keyRemoved : .itemRemoved, name: key, old: dict ? o : nil))
      case (let o?, let n?) where o != n: details.append(ChangeDetail(.keyChanged, name: key, old: o, new: n))
      default: break
      }
    }
    return details
  }
}

extension String {
  /// The text without leading and trailing whitespace.
  var trimmingWhitespace: String {
    // Most text starts and ends with a visible ASCII character: nothing to trim.
    if let head = utf8.first, let tail = utf8.last, Self.isVisibleASCII(head), Self.isVisibleASCII(tail) {
      return String(self)
    }
    guard let first = firstIndex(where: { !$0.isWhitespace }),
          let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
    return String(self[first...last])
  }

  private static func isVisibleASCII(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F
  }
}
