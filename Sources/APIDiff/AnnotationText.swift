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
    let compact = String(text.filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" })
    return rewrite(Array(compact)[...])
  }

  // Rewrites `Name[args]` recursively: typing aliases to builtins, Optional/Union to `|`.
  private static func rewrite(_ s: ArraySlice<Character>) -> String {
    var out = ""
    var i = s.startIndex
    var name = ""
    while i < s.endIndex {
      let c = s[i]
      if c.isLetter || c.isNumber || c == "_" || c == "." {
        name.append(c)
        i += 1
        continue
      }
      if c == "[", let close = matching(s, from: i) {
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
      out += flush(name) + String(c)
      name = ""
      i += 1
    }
    return out + flush(name)
  }

  private static func flush(_ name: String) -> String {
    let bare = name.hasPrefix("typing.") ? String(name.dropFirst(7)) : name
    return builtins[bare] ?? bare
  }

  private static func matching(_ s: ArraySlice<Character>, from open: Int) -> Int? {
    var depth = 0
    for j in open..<s.endIndex {
      if s[j] == "[" { depth += 1 }
      if s[j] == "]" { depth -= 1; if depth == 0 { return j } }
    }
    return nil
  }

  private static func split(_ s: ArraySlice<Character>) -> [ArraySlice<Character>] {
    var parts: [ArraySlice<Character>] = []
    var depth = 0
    var start = s.startIndex
    for j in s.indices {
      switch s[j] {
      case "[", "(": depth += 1
      case "]", ")": depth -= 1
      case "," where depth == 0:
        parts.append(s[start..<j])
        start = j + 1
      default: break
      }
    }
    parts.append(s[start..<s.endIndex])
    return parts
  }
}
