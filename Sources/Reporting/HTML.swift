/// Escaping for HTML text and attribute values.
enum HTML {
  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(c)
      }
    }
    return out
  }

  static func render(_ parts: [RichText]) -> String {
    parts.map {
      switch $0 {
      case .plain(let s): escape(s)
      case .code(let s): "<code>" + escape(s) + "</code>"
      }
    }.joined()
  }
}
