import APIModel
import GitReleases

/// An error reading or writing upstream data: the catalog, its configuration, the surface
/// cache or a repository. Its description is one line, starting with the file (and line).
public struct UpstreamError: Error, CustomStringConvertible, Equatable {
  enum Kind: Equatable {
    case invalidConfiguration(reason: String, at: SourceLocation)
    case unknownRelease(release: String, available: [String], directory: String)
    case corrupt(file: String, reason: String)
    case missingBlob(path: String, release: String)
    case invalidRelease(name: String)
    case io(path: String, reason: String)
    case notLocated
    case git(GitError)
  }

  let kind: Kind

  init(_ kind: Kind) { self.kind = kind }

  public var description: String {
    switch kind {
    case .invalidConfiguration(let reason, let location): "\(location): error: \(reason)"
    case .unknownRelease(let release, let available, let directory):
      "\(directory): error: no snapshot of release '\(release)'; available: "
        + (available.isEmpty ? "none" : available.joined(separator: ", "))
    case .corrupt(let file, let reason): "\(file): error: corrupt data: \(reason)"
    case .missingBlob(let path, let release): "error: release \(release): no blob id given for '\(path)'"
    case .invalidRelease(let name): "error: '\(name)' cannot name a release (empty, or contains '/' or whitespace)"
    case .io(let path, let reason): "\(path): error: \(reason)"
    case .notLocated:
      "error: no upstream/releases.yaml found (pass a directory, set VMSYNC_UPSTREAM, or run inside the vmsync checkout)"
    case .git(let error): error.description
    }
  }
}
