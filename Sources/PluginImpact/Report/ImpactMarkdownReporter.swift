import APIModel

/// Renders an impact report as GitHub-flavoured Markdown: a summary table first, then the
/// findings grouped by when they bite.
public struct ImpactMarkdownReporter: Sendable {
  public init() {}

  /// The whole document.
  public func render(_ report: ImpactReport) -> String {
    var lines = [
      "# \(report.package): upgrading vLLM \(report.from) → \(report.to)", "",
      "\(report.checked) plugin references checked at \(report.to); \(report.findings.count) finding(s) that \(report.from) did not have.",
      "",
      "| finding | when it bites | severity | count |",
      "|---|---|---|---:|",
    ]
    let counts = report.counts
    for kind in FindingKind.allCases where counts[kind] != nil {
      let recorded = report.findings.filter { $0.finding == kind && $0.severity == .note }.count
      let count = "\(counts[kind] ?? 0)" + (recorded > 0 ? " (\(recorded) recorded)" : "")
      lines.append("| `\(kind.rawValue)` | \(Self.title(kind.category)) | \(kind.severity.rawValue) | \(count) |")
    }
    if counts.isEmpty { lines.append("| — | | | 0 |") }
    for category in FindingCategory.allCases {
      let findings = report.findings.filter { $0.finding.category == category }
      guard !findings.isEmpty else { continue }
      lines += ["", "## \(Self.title(category).prefix(1).uppercased() + Self.title(category).dropFirst())", ""]
      for finding in findings { lines += Self.lines(finding) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func title(_ category: FindingCategory) -> String {
    switch category {
    case .fails: "fails at import or call"
    case .silent: "silently stops working"
    case .drift: "drift to review"
    }
  }

  static func lines(_ finding: ImpactFinding) -> [String] {
    let recorded = finding.severity == .note ? " (recorded)" : ""
    var lines = ["### `\(finding.finding.rawValue)` `\(finding.target)`\(recorded)", "", finding.message, ""]
    var facts: [String] = []
    if let plugin = finding.plugin {
      facts.append("- plugin: `\(plugin.file):\(plugin.line)`" + (finding.pluginSymbol.map { " (`\($0)`, \(finding.kind.rawValue))" } ?? " (\(finding.kind.rawValue))"))
    }
    if let upstream = finding.upstream { facts.append("- upstream: `\(upstream.file):\(upstream.line)`") }
    if let suggested = finding.suggestedTarget { facts.append("- suggested target: `\(suggested)`") }
    for detail in finding.details { facts.append("  - \(detail)") }
    lines += facts
    if let diff = finding.diff {
      lines += ["", "<details><summary>upstream change</summary>", "", "```diff"]
      lines += diff.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
      lines += ["```", "", "</details>"]
    }
    lines.append("")
    return lines
  }
}
