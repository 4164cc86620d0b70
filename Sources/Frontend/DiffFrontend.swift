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
    let oldSnapshot = try source.snapshot(old, progress: Console.progress("parsing \(old)"))
    let newSnapshot = try source.snapshot(new, progress: Console.progress("parsing \(new)"))
    Console.reportDiagnostics(oldSnapshot.diagnostics + newSnapshot.diagnostics)
    return diffSnapshots(oldSnapshot, newSnapshot, options: options)
  }

  public static func render(_ report: DiffReport, as format: DiffFormat) -> String {
    switch format {
    case .markdown: MarkdownReporter().render(report)
    case .json: JSONReporter().render(report)
    case .html: HTMLReporter().render(report)
    }
  }
}

extension DiffReport {
  public var hasBreakingChanges: Bool { changes.contains(where: \.isBreaking) }
}
