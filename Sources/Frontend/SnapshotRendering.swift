import APIModel
import Reporting

/// The formats of `vmsync snapshot`.
public enum SnapshotFormat: String, CaseIterable, Sendable {
  case json, markdown
}

/// Renders a snapshot for `vmsync snapshot`.
public enum SnapshotRendering {
  public static func render(_ snapshot: Snapshot, as format: SnapshotFormat) -> String {
    switch format {
    case .json: JSONReporter().render(snapshot)
    case .markdown: SnapshotMarkdownReporter().render(snapshot)
    }
  }
}
