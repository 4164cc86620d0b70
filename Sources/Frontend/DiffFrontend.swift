import APIDiff
import APIModel
import Reporting

/// The formats of `vmsync diff`.
public enum DiffFormat: String, CaseIterable, Sendable {
  case markdown, json, html
}

/// `vmsync diff`: two snapshots in, one report out.
public enum DiffFrontend {
  public static func diff(_ old: String, _ new: String, in source: UpstreamSource, options: DiffOptions)
    throws(CommandError) -> DiffReport
  {
    let (oldSnapshot, newSnapshot) = try source.snapshots(old, new)
    Console.reportDiagnostics(oldSnapshot.diagnostics + newSnapshot.diagnostics)
    let report = diffSnapshots(oldSnapshot, newSnapshot, options: options)
    releaseInBackground((consume oldSnapshot, consume newSnapshot))
    return report
  }

  /// The report's UTF-8 bytes, ready for `Output.write`.
  public static func render(_ report: DiffReport, as format: DiffFormat) -> [UInt8] {
    switch format {
    case .markdown: Array(MarkdownReporter().render(report).utf8)
    case .json: JSONReporter().encode(report)
    case .html: Array(HTMLReporter().render(report).utf8)
    }
  }
}

extension DiffReport {
  public var hasBreakingChanges: Bool { changes.contains(where: \.isBreaking) }
}
