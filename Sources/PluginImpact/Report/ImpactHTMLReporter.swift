import APIModel

/// Renders an impact report as one self-contained HTML page (inline CSS, no assets).
public struct ImpactHTMLReporter: Sendable {
  public init() {}

  /// The whole page.
  public func render(_ report: ImpactReport) -> String {
    let title = Self.escape("\(report.package): vLLM \(report.from) → \(report.to)")
    var out = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(title)</title>
      <style>
      body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1f2328}
      table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3em .7em;text-align:left}
      code,pre{font:12px ui-monospace,monospace}pre{background:#f6f8fa;padding:.7em;overflow:auto}
      .error{color:#cf222e}.warning{color:#9a6700}.note{color:#57606a}
      .finding{border-left:4px solid #d0d7de;margin:1em 0;padding:.2em 1em}
      .ins{color:#116329}.del{color:#82071e}
      </style>
      </head>
      <body>
      <h1>\(title)</h1>
      <p>\(report.checked) plugin references checked at \(Self.escape(report.to)); \(report.findings.count) new finding(s).</p>
      <table><tr><th>finding</th><th>when it bites</th><th>severity</th><th>count</th></tr>

      """
    let counts = report.counts
    for kind in FindingKind.allCases where counts[kind] != nil {
      out += "<tr><td><code>\(kind.rawValue)</code></td><td>\(ImpactMarkdownReporter.title(kind.category))</td>"
      out += "<td class=\"\(kind.severity.rawValue)\">\(kind.severity.rawValue)</td><td>\(counts[kind] ?? 0)</td></tr>\n"
    }
    out += "</table>\n"
    for category in FindingCategory.allCases {
      let findings = report.findings.filter { $0.finding.category == category }
      guard !findings.isEmpty else { continue }
      out += "<h2>\(ImpactMarkdownReporter.title(category))</h2>\n"
      for finding in findings { out += Self.section(finding) }
    }
    return out + "</body>\n</html>\n"
  }

  private static func section(_ finding: ImpactFinding) -> String {
    var out = "<div class=\"finding\"><h3><span class=\"\(finding.severity.rawValue)\">\(finding.finding.rawValue)</span> "
    out += "<code>\(escape(finding.target))</code></h3>\n<p>\(escape(finding.message))</p>\n<ul>"
    if let plugin = finding.plugin {
      out += "<li>plugin: <code>\(escape("\(plugin.file):\(plugin.line)"))</code> \(escape(finding.pluginSymbol ?? ""))</li>"
    }
    if let upstream = finding.upstream { out += "<li>upstream: <code>\(escape("\(upstream.file):\(upstream.line)"))</code></li>" }
    if let suggested = finding.suggestedTarget { out += "<li>suggested target: <code>\(escape(suggested))</code></li>" }
    for detail in finding.details { out += "<li>\(escape(detail))</li>" }
    out += "</ul>\n"
    if let diff = finding.diff {
      out += "<pre>"
      for line in diff.split(separator: "\n") {
        let escaped = escape(String(line))
        if line.hasPrefix("+") && !line.hasPrefix("+++") {
          out += "<span class=\"ins\">\(escaped)</span>\n"
        } else if line.hasPrefix("-") && !line.hasPrefix("---") {
          out += "<span class=\"del\">\(escaped)</span>\n"
        } else {
          out += escaped + "\n"
        }
      }
      out += "</pre>\n"
    }
    return out + "</div>\n"
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}
