/// Why a release source could not be imported. Its description is one line naming the
/// source (and the archive member, where one is at fault).
public struct UpstreamImportError: Error, CustomStringConvertible, Equatable {
  enum Kind: Equatable {
    case unsupportedSource(source: String)
    case unreadable(source: String, reason: String)
    case corrupt(source: String, reason: String)
    case unsafeMember(source: String, member: String, reason: String)
    case empty(source: String)
    case invalidTag(tag: String)
    case tagExists(tag: String, repository: String)
    case git(GitError)
  }

  let kind: Kind

  init(_ kind: Kind) { self.kind = kind }

  public var description: String {
    switch kind {
    case .unsupportedSource(let source):
      "\(source): error: not a directory, .tar.gz sdist or .whl wheel"
    case .unreadable(let source, let reason): "\(source): error: cannot read: \(reason)"
    case .corrupt(let source, let reason): "\(source): error: corrupt archive: \(reason)"
    case .unsafeMember(let source, let member, let reason): "\(source): error: member '\(member)': \(reason)"
    case .empty(let source): "\(source): error: contains no files"
    case .invalidTag(let tag): "error: '\(tag)' is not a valid tag name"
    case .tagExists(let tag, let repo): "\(repo): error: tag '\(tag)' already exists"
    case .git(let error): error.description
    }
  }
}
