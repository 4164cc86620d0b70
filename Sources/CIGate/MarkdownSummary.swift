/// A Markdown summary for `$GITHUB_STEP_SUMMARY`: the verdict and counts first, then the
/// regressions, then what got fixed and the allowlist's state.
public enum MarkdownSummary {
  public static func render(_ document: GateDocument) -> String {
    let c = document.counts
    var lines = [
      "## vmsync gate: \(document.passed ? "passed" : "failed")",
      "",
      "\(document.from) → \(document.upstreams.joined(separator: ", "))" + (document.shard.map { " (shard \($0))" } ?? ""),
      "",
      "| subjects | findings | regressions | worse | reported | baselined | allowed | fixed | expired allowances | stale allowances |",
      "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      "| \(c.subjects) | \(c.findings) | \(c.regressions) | \(c.worse) | \(c.reported) | \(c.baselined) | \(c.allowed) "
        + "| \(c.fixed) | \(c.expiredAllowances) | \(c.staleAllowances) |",
    ]
    let failures = document.failures
    if !failures.isEmpty {
      lines += ["", "### Regressions", "", "| check | subject | finding | where |", "| --- | --- | --- | --- |"]
      lines += failures.map { finding in
        let place = finding.file.map { "`\($0):\(finding.line ?? 1)`" } ?? ""
        return "| \(finding.check) | `\(cell(finding.subject))` | \(cell(finding.message))\(finding.status == .worse ? " (worse than the baseline)" : "") | \(place) |"
      }
    }
    if !document.expiredAllowances.isEmpty {
      lines += ["", "### Expired allowlist entries", ""]
      lines += document.expiredAllowances.map { "- `\(cell($0.key))` expired \($0.expires) (\($0.at)): \($0.reason)" }
    }
    let reported = document.findings.filter { $0.status == .reported }
    if !reported.isEmpty {
      lines += ["", "<details><summary>\(reported.count) reported (not denied)</summary>", ""]
      lines += reported.map { "- \($0.check) `\(cell($0.subject))`: \(cell($0.message))" }
      lines += ["", "</details>"]
    }
    if !document.fixed.isEmpty {
      lines += ["", "### Fixed since the baseline", ""]
      lines += document.fixed.map { "- `\(cell($0))`" }
    }
    if !document.staleAllowances.isEmpty {
      lines += ["", "### Stale allowlist entries (match nothing)", ""]
      lines += document.staleAllowances.map { "- `\(cell($0.key))` (\($0.at))" }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text safe inside a table cell.
  private static func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
  }
}
