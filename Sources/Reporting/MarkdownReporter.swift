import APIDiff
import APIModel

/// Renders a diff report as GitHub-flavoured Markdown: a title, a summary table, then one
/// section per top-level subpackage, large sections folded in `<details>`.
public struct MarkdownReporter: DiffReporter {
  /// The name in the title, `vLLM`.
  public var package: String
  /// Prefixed to old-release file paths in links; empty keeps them relative.
  public var oldSourceRoot: String
  /// Prefixed to new-release file paths in links; empty keeps them relative.
  public var newSourceRoot: String
  /// Sections with more changes than this are folded.
  public var foldThreshold: Int

  public init(package: String = "vLLM", oldSourceRoot: String = "", newSourceRoot: String = "",
              foldThreshold: Int = 15) {
    self.package = package
    self.oldSourceRoot = oldSourceRoot
    self.newSourceRoot = newSourceRoot
    self.foldThreshold = foldThreshold
  }

  public func render(_ report: DiffReport) -> String {
    var out = "# \(Markdown.text("\(package) \(report.from) → \(report.to)"))\n\n"
    out += summaryTable(report.summary)
    if report.changes.isEmpty {
      out += "\nNo changes.\n"
      return out
    }
    for (group, changes) in ReportGroups.bySection(report.changes) {
      let breaking = changes.count(where: \.isBreaking)
      let counts = "\(changes.count) change\(changes.count == 1 ? "" : "s"), \(breaking) breaking"
      out += "\n## \(Markdown.code(group)) (\(counts))\n\n"
      let fold = changes.count > foldThreshold
      if fold { out += "<details><summary>Show \(changes.count) changes</summary>\n\n" }
      for change in changes { out += row(change) }
      if fold { out += "\n</details>\n" }
    }
    return out
  }

  private func summaryTable(_ summary: DiffSummary) -> String {
    var out = "| Change | Count | Breaking |\n|---|---:|---:|\n"
    for kind in ChangeKind.allCases {
      out += "| \(kind.rawValue) | \(summary.counts[kind] ?? 0) | \(summary.breakingCounts[kind] ?? 0) |\n"
    }
    out += "| **total** | **\(summary.total)** | **\(summary.breaking)** |\n"
    return out
  }

  private func row(_ c: Change) -> String {
    var line = "- " + (c.isBreaking ? "**breaking** " : "") + "\(c.change.rawValue) \(Markdown.code(c.path))"
    if let newPath = c.newPath { line += " → \(Markdown.code(newPath))" }
    line += ": " + Markdown.render(RichText.parse(c.summary))
    let links = [c.old.map { link($0, root: oldSourceRoot) }, c.new.map { link($0, root: newSourceRoot) }]
      .compactMap { $0 }
    if !links.isEmpty { line += " (" + links.joined(separator: " → ") + ")" }
    if c.isBreaking { line += " — " + Markdown.text(ReportGroups.whoBreaks(c)) }
    var out = line + "\n"
    for line in DetailText.lines(c.details) { out += "  - " + Markdown.render(line) + "\n" }
    return out
  }

  private func link(_ location: SourceLocation, root: String) -> String {
    "[\(Markdown.text("\(location.file):\(location.line)"))](\(Markdown.url(root + location.file))#L\(location.line))"
  }
}
