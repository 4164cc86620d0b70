import Foundation
import GitReleases

/// Creates a new empty directory under the system's temporary directory.
/// - Returns: its URL; the caller may remove it.
public func temporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-test-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// Builds a bare repository with one commit per version on `main`, each tagged, through
/// libgit2 (no `git` process).
/// - Parameters:
///   - url: where to create it; a new temporary directory when nil.
///   - versions: oldest first; each version's files by repository-relative path. Every
///     commit holds exactly the files of its version.
/// - Returns: the repository's path.
/// - Throws: when a tag repeats or a path is invalid.
@discardableResult
public func makeGitRepo(at url: URL? = nil, versions: [(tag: String, files: [String: String])]) throws -> URL {
  let repo = try url ?? temporaryDirectory().appendingPathComponent("repo.git")
  for (i, version) in versions.enumerated() {
    try UpstreamImporter.importFiles(
      version.files.mapValues { Array($0.utf8) }, tag: version.tag, into: repo, message: "Release \(version.tag)",
      date: Date(timeIntervalSince1970: 1_700_000_000 + Double(i) * 86_400))
  }
  return repo
}
