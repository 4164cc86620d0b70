import Foundation
import GitReleases
import Upstream

/// `vmsync upstream import` and `vmsync upstream record`.
public enum UpstreamFrontend {
  /// Commits and tags an sdist, a wheel or a directory; returns the commit id.
  public static func importSource(_ source: String, tag: String, repository: String) throws(CommandError) -> String {
    let url = URL(fileURLWithPath: source)
    return try wrapping {
      try UpstreamImporter.importSource(
        url, tag: tag, into: URL(fileURLWithPath: repository),
        message: "Import \(url.lastPathComponent) as \(tag)"
      ).hex
    }
  }

  /// Takes the snapshot of each release from a repository and stores it in the catalog.
  public static func record(_ releases: [String], upstream: UpstreamSource, catalogDirectory: String?) throws(CommandError) {
    guard case .repository(let repository, _, let packageRoot) = upstream else {
      throw CommandError("upstream record reads releases from a repository: give --repo")
    }
    let catalog = try UpstreamSource.catalog(catalogDirectory)
    for release in releases.isEmpty ? catalog.releases : releases {
      let snapshot = try upstream.snapshot(release, progress: Console.progress("parsing \(release)"))
      Console.reportDiagnostics(snapshot.diagnostics)
      try wrapping {
        let commit = try repository.resolve(release)
        let blobs = try repository.files(at: commit, under: packageRoot)
        try catalog.write(snapshot, blobs: Dictionary(uniqueKeysWithValues: blobs.map { ($0.path, $0.blob) }))
      }
    }
  }
}
