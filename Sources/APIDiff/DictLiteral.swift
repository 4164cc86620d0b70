/// The top-level entries of a Python `{key: value, ...}` literal, as source text.
struct DictLiteral {
  /// Keys in source order, each with its value.
  let entries: [(key: String, value: String)]

  /// Parses `text` when it is a complete dict literal (not a set, not a comprehension).
  init?(_ text: String) {
    let chars = Array(text.trimmingWhitespace)
    guard chars.first == "{", chars.last == "}" else { return nil }
    var entries: [(String, String)] = []
    var depth = 0
    var quote: Character?
    var escaped = false
    var start = 1
    var colon: Int?
    for i in 1..<(chars.count - 1) {
      let c = chars[i]
      if let q = quote {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
        continue
      }
      switch c {
      case "'", "\"": quote = c
      case "(", "[", "{": depth += 1
      case ")", "]", "}": depth -= 1
      case ":" where depth == 0 && colon == nil: colon = i
      case "," where depth == 0:
        guard let entry = DictLiteral.entry(chars, start, colon, i) else { return nil }
        entries.append(entry)
        start = i + 1
        colon = nil
      default: break
      }
      if depth < 0 { return nil }
    }
    guard quote == nil, depth == 0 else { return nil }
    let rest = String(chars[start..<(chars.count - 1)]).trimmingWhitespace
    if !rest.isEmpty {
      guard let entry = DictLiteral.entry(chars, start, colon, chars.count - 1) else { return nil }
      entries.append(entry)
    }
    if entries.isEmpty && !String(chars).filter({ !$0.isWhitespace }).elementsEqual("{}") { return nil }
    self.entries = entries
  }

  private static func entry(_ chars: [Character], _ start: Int, _ colon: Int?, _ end: Int) -> (String, String)? {
    guard let colon, start < colon else { return nil }
    let key = String(chars[start..<colon]).trimmingWhitespace
    let value = String(chars[(colon + 1)..<end]).trimmingWhitespace
    guard !key.isEmpty, !key.hasPrefix("**"), !value.contains(" for ") else { return nil }
    return (key, value)
  }

  /// Keys added, removed and changed, in key order.
  func changes(to new: DictLiteral) -> [ChangeDetail] {
    let old = Dictionary(entries, uniquingKeysWith: { _, b in b })
    let newValues = Dictionary(new.entries, uniquingKeysWith: { _, b in b })
    var details: [ChangeDetail] = []
    for key in Set(old.keys).union(newValues.keys).sorted() {
      switch (old[key], newValues[key]) {
      case (nil, let n?): details.append(ChangeDetail(.keyAdded, name: key, new: n))
      case (let o?, nil): details.append(ChangeDetail(.keyRemoved, name: key, old: o))
      case (let o?, let n?) where o != n: details.append(ChangeDetail(.keyChanged, name: key, old: o, new: n))
      default: break
      }
    }
    return details
  }
}

extension String {
  var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
