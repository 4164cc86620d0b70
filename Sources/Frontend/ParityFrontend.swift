import Foundation
import GitReleases
import Parity

/// The formats of `vmsync parity ops`.
public enum ParityFormat: String, CaseIterable, Sendable {
  case markdown, json
}

/// `vmsync parity ops`.
public enum ParityFrontend {
  /// Runs the op mappings of `revision` (default: the newest under `adapters/`).
  public static func runOps(revision: String?, ops: [String], adaptersDirectory: String?)
    throws(CommandError) -> ParityReport
  {
    let directory = try DataDirectory.locate("adapters", explicit: adaptersDirectory)
    guard let revision = revision ?? newestRevision(in: directory) else {
      throw CommandError("\(directory.path): no <revision>/ops.yaml found")
    }
    return try wrapping {
      try ParityRunner(adaptersDirectory: directory.path).run(revision: revision, ops: ops.isEmpty ? nil : ops)
    }
  }

  public static func render(_ report: ParityReport, as format: ParityFormat) throws(CommandError) -> String {
    switch format {
    case .markdown: report.renderMarkdown()
    case .json: try wrapping { try report.renderJSON() }
    }
  }

  static func newestRevision(in directory: URL) -> String? {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names
      .filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/ops.yaml").path) }
      .compactMap { name in ReleaseVersion(name.hasPrefix("v") ? name.dropFirst() : Substring(name)).map { (name, $0) } }
      .max { $0.1 < $1.1 }?.0
  }
}
