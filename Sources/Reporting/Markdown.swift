/// Escaping for GitHub-flavoured Markdown.
enum Markdown {
  /// Text that renders literally: Markdown punctuation is backslash-escaped, HTML is
  /// neutralised, and `|` cannot end a table cell.
  static func text(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\\", "`", "*", "_", "[", "]", "|", "#", "~", "!": out += "\\" + String(c)
      case "\n", "\r": out += " "
      default: out.append(c)
      }
    }
    return out
  }

  /// A code span that holds any text: the fence is longer than any backtick run inside,
  /// and `|` is escaped so that the span is safe in table cells too.
  static func code(_ s: String) -> String {
    let flat = s.replacingNewlines.replacing("|", with: "\\|")
    var longest = 0
    var run = 0
    for c in flat {
      run = c == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.isEmpty ? " " : ""
    return fence + pad + flat + pad + fence
  }

  static func render(_ parts: [RichText]) -> String {
    parts.map {
      switch $0 {
      case .plain(let s): text(s)
      case .code(let s): code(s)
      }
    }.joined()
  }

  /// A link target: characters that would end or confuse the URL are percent-encoded.
  static func url(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case " ": out += "%20"
      case "(": out += "%28"
      case ")": out += "%29"
      case "<": out += "%3C"
      case ">": out += "%3E"
      case "|": out += "%7C"
      case "`": out += "%60"
      default: out.append(c)
      }
    }
    return out
  }
}

extension String {
  var replacingNewlines: String { replacing("\r\n", with: " ").replacing("\n", with: " ").replacing("\r", with: " ") }
}
