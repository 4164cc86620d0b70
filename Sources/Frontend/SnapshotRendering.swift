import APIDiff
import APIModel
import Reporting

/// The formats of `vmsync snapshot`.
public enum SnapshotFormat: String, CaseIterable, Sendable {
  case json, markdown
}

/// Renders a snapshot for `vmsync snapshot`.
public enum SnapshotRendering {
  /// The document's UTF-8 bytes, ready for `Output.write`.
  public static func render(_ snapshot: Snapshot, as format: SnapshotFormat) -> [UInt8] {
    switch format {
    case .json: JSONReporter().encode(snapshot)
    case .markdown: Array(SnapshotMarkdownReporter().render(snapshot).utf8)
    }
  }

  /// Renders a snapshot the caller is done with; it is freed on another thread meanwhile,
  /// so a large release's symbols are not freed on the command's path.
  public static func render(releasing snapshot: consuming Snapshot, as format: SnapshotFormat) -> [UInt8] {
    let snapshot = snapshot
    let bytes = render(snapshot, as: format)
    releaseInBackground(consume snapshot)
    return bytes
  }
}
