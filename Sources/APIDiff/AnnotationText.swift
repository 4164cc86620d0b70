/// Annotation source text in a canonical spelling, so that modernised spellings of the same
/// type (`List[int]` → `list[int]`, `Optional[X]` → `X | None`, quoted forward references)
/// are not reported as changes.
enum AnnotationText {
  private static let builtins = [
    "List": "list", "Dict": "dict", "Tuple": "tuple", "Set": "set", "FrozenSet": "frozenset",
    "Type": "type", "DefaultDict": "collections.defaultdict", "Deque": "collections.deque",
  ]

  /// Whether two annotations spell the same type.
  static func same(_ a: String?, _ b: String?) -> Bool {
    a == b || a.map(normalized) == b.map(normalized)
  }

  static func normalized(_ text: String) -> String {
    // ASCII text (nearly every annotation) is rewritten byte by byte; other text by Character.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      let compact = text.utf8.filter { !UInt8.isSpace($0) && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") }
      return rewrite(compact[...])
    }
    let compact = text.filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
    return rewrite(Array(compact)[...])
  }

  // Rewrites `Name[args]` recursively: typing aliases to builtins, Optional/Union to `|`.
  private static func rewrite<Unit: AnnotationUnit>(_ s: ArraySlice<Unit>) -> String {
    var out = ""
    var i = s.startIndex
    var name = ""
    while i < s.endIndex {
      let c = s[i]
      if c.isNamePart {
        c.append(to: &name)
        i += 1
        continue
      }
      if c == .openBracket, let close = matching(s, from: i) {
        let args = split(s[(i + 1)..<close]).map(rewrite)
        let bare = name.hasPrefix("typing.") ? String(name.dropFirst(7)) : name
        switch bare {
        case "Optional" where args.count == 1: out += args[0] + "|None"
        case "Union": out += args.joined(separator: "|")
        default: out += (builtins[bare] ?? bare) + "[" + args.joined(separator: ",") + "]"
        }
        name = ""
        i = close + 1
        continue
      }
      out += flush(name)
      c.append(to: &out)
      name = ""
      i += 1
    }
    return out + flush(name)
  }

  private static func flush(_ name: String) -> String {
    let bare = name.hasPrefix("typing.") ? String(name.dropFirst(7)) : name
    return builtins[bare] ?? bare
  }

  private static func matching<Unit: AnnotationUnit>(_ s: ArraySlice<Unit>, from open: Int) -> Int? {
    var depth = 0
    for j in open..<s.endIndex {
      if s[j] == .openBracket { depth += 1 }
      if s[j] == .closeBracket { depth -= 1; if depth == 0 { return j } }
    }
    return nil
  }

  private static func split<Unit: AnnotationUnit>(_ s: ArraySlice<Unit>) -> [ArraySlice<Unit>] {
    var parts: [ArraySlice<Unit>] = []
    var depth = 0
    var start = s.startIndex
    for j in s.indices {
      switch s[j] {
      case .openBracket, .openParenthesis: depth += 1
      case .closeBracket, .closeParenthesis: depth -= 1
      case .comma where depth == 0:
        parts.append(s[start..<j])
        start = j + 1
      default: break
      }
    }
    parts.append(s[start..<s.endIndex])
    return parts
  }
}

/// A unit of annotation text: a `Character`, or a byte of ASCII text.
private protocol AnnotationUnit: Equatable {
  static var openBracket: Self { get }
  static var closeBracket: Self { get }
  static var openParenthesis: Self { get }
  static var closeParenthesis: Self { get }
  static var comma: Self { get }
  /// A letter, digit, `_` or `.`: part of a dotted name.
  var isNamePart: Bool { get }
  func append(to text: inout String)
}

extension Character: AnnotationUnit {
  static let openBracket: Character = "["
  static let closeBracket: Character = "]"
  static let openParenthesis: Character = "("
  static let closeParenthesis: Character = ")"
  static let comma: Character = ","
  var isNamePart: Bool { isLetter || isNumber || self == "_" || self == "." }
  func append(to text: inout String) { text.append(self) }
}

extension UInt8: AnnotationUnit {
  static let openBracket = UInt8(ascii: "[")
  static let closeBracket = UInt8(ascii: "]")
  static let openParenthesis = UInt8(ascii: "(")
  static let closeParenthesis = UInt8(ascii: ")")
  static let comma = UInt8(ascii: ",")
  var isNamePart: Bool {
    (self >= 0x61 && self <= 0x7A) || (self >= 0x41 && self <= 0x5A) || (self >= 0x30 && self <= 0x39)
      || self == UInt8(ascii: "_") || self == UInt8(ascii: ".")
  }
  func append(to text: inout String) { text.unicodeScalars.append(Unicode.Scalar(self)) }

  /// ASCII whitespace as `Character.isWhitespace` sees it: space, tab, line feed, vertical tab,
  /// form feed and carriage return.
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }
}
