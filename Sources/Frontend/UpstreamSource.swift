import APIModel
import Foundation
import GitReleases
import Upstream

/// Where snapshots come from: a git repository read through libgit2 (with the surface
/// cache), or the snapshots committed under `upstream/`.
public enum UpstreamSource: Sendable {
  case repository(GitRepository, cache: SurfaceCache?, packageRoot: String)
  case catalog(UpstreamCatalog)

  /// `~/.cache/vmsync`.
  public static var defaultCacheDirectory: String { SurfaceCache.defaultDirectory.path }

  /// Opens the repository when one is given, else the committed catalog.
  /// - Parameters:
  ///   - repo: a git repository path, or nil for the catalog.
  ///   - cacheDirectory: the surface cache, or nil to bypass it.
  ///   - catalogDirectory: an explicit catalog directory.
  public static func open(repo: String?, cacheDirectory: String?, catalogDirectory: String?)
    throws(CommandError) -> UpstreamSource
  {
    if let repo {
      let repository = try wrapping { try GitRepository(at: URL(fileURLWithPath: repo)) }
      let packageRoot = (try? catalog(catalogDirectory))?.configuration.packageRoot ?? "vllm/"
      return .repository(
        repository, cache: cacheDirectory.map { SurfaceCache(directory: URL(fileURLWithPath: $0)) },
        packageRoot: packageRoot)
    }
    return .catalog(try catalog(catalogDirectory))
  }

  static func catalog(_ directory: String?) throws(CommandError) -> UpstreamCatalog {
    try wrapping {
      try UpstreamCatalog(directory: UpstreamCatalog.locate(explicit: directory.map { URL(fileURLWithPath: $0) }))
    }
  }

  /// Release tags, oldest first in PEP 440 order.
  public func releases() throws(CommandError) -> [String] {
    switch self {
    case .repository(let repository, _, _):
      try wrapping { try repository.releaseTags().map(\.name) }
    case .catalog(let catalog):
      catalog.storedReleases
    }
  }

  /// The snapshot of a release or ref.
  public func snapshot(_ ref: String, progress: (@Sendable (Int, Int) -> Void)? = nil)
    throws(CommandError) -> Snapshot
  {
    switch self {
    case .repository(let repository, let cache, let packageRoot):
      try wrapping {
        try SnapshotBuilder.snapshot(
          repo: repository, ref: ref, packageRoot: packageRoot, cache: cache, progress: progress)
      }
    case .catalog(let catalog):
      try wrapping { try catalog.snapshot(release: ref) }
    }
  }
}
