import CLibGit2

/// An error reading or writing a git repository. Its description is one line naming the
/// repository and, where there is one, the ref or object.
public struct GitError: Error, CustomStringConvertible, Equatable {
  enum Kind: Equatable {
    case notFound(path: String)
    case cannotOpen(path: String, reason: String)
    case missingRef(ref: String, repository: String)
    case notACommit(ref: String, repository: String)
    case missingPath(path: String, commit: String, repository: String)
    case corruptObject(id: String, repository: String, reason: String)
    case wrongType(id: String, expected: String, repository: String)
    case failed(operation: String, repository: String, reason: String)
  }

  let kind: Kind

  init(_ kind: Kind) { self.kind = kind }

  public var description: String {
    switch kind {
    case .notFound(let path): "\(path): error: no git repository at this path"
    case .cannotOpen(let path, let reason): "\(path): error: cannot open git repository: \(reason)"
    case .missingRef(let ref, let repo): "\(repo): error: no tag, branch or commit named '\(ref)'"
    case .notACommit(let ref, let repo): "\(repo): error: '\(ref)' does not name a commit"
    case .missingPath(let path, let commit, let repo): "\(repo): error: commit \(commit) has no '\(path)'"
    case .corruptObject(let id, let repo, let reason): "\(repo): error: object \(id) is corrupt: \(reason)"
    case .wrongType(let id, let expected, let repo): "\(repo): error: object \(id) is not a \(expected)"
    case .failed(let op, let repo, let reason): "\(repo): error: \(op) failed: \(reason)"
    }
  }

  /// The message of libgit2's last error on this thread.
  static var lastMessage: String {
    guard let error = git_error_last(), let message = error.pointee.message else { return "unknown error" }
    return String(cString: message).split(separator: "\n").joined(separator: " ")
  }
}
