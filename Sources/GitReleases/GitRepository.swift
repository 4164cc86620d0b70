import CLibGit2
import Foundation

/// A git repository (bare or with a work tree), read straight from its object database.
///
/// Every method may be called from several threads at once: each call borrows one of a
/// small pool of libgit2 handles, opening another when all are busy.
public final class GitRepository: @unchecked Sendable {
  /// The path the repository was opened with.
  public let path: String

  private let lock = NSLock()
  private var idle: [Handle]

  struct Handle {
    let repo: OpaquePointer
    let odb: OpaquePointer
  }

  static let initialized: Void = {
    git_libgit2_init()
    // Recomputing the SHA-1 of every object read costs a third of the read time; zlib's
    // Adler-32 check still rejects damaged object data.
    _ = vmsync_git_set_strict_hash_verification(0)
  }()

  /// Opens the repository at a path.
  /// - Parameter url: the repository's directory (bare) or its work tree.
  /// - Throws: `GitError` naming the path when there is no readable repository there.
  public init(at url: URL) throws(GitError) {
    Self.initialized
    path = url.path
    idle = []
    idle.append(try Self.open(path))
  }

  deinit {
    for handle in idle {
      git_odb_free(handle.odb)
      git_repository_free(handle.repo)
    }
  }

  private static func open(_ path: String) throws(GitError) -> Handle {
    guard FileManager.default.fileExists(atPath: path) else { throw GitError(.notFound(path: path)) }
    var repo: OpaquePointer?
    let status = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
    guard status == 0, let repo else {
      if status == GIT_ENOTFOUND.rawValue { throw GitError(.notFound(path: path)) }
      throw GitError(.cannotOpen(path: path, reason: GitError.lastMessage))
    }
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, repo) == 0, let odb else {
      let reason = GitError.lastMessage
      git_repository_free(repo)
      throw GitError(.cannotOpen(path: path, reason: reason))
    }
    return Handle(repo: repo, odb: odb)
  }

  /// Runs `body` with a handle no other thread is using.
  func withHandle<T>(_ body: (Handle) throws(GitError) -> T) throws(GitError) -> T {
    lock.lock()
    let borrowed = idle.popLast()
    lock.unlock()
    let handle: Handle
    if let borrowed { handle = borrowed } else { handle = try Self.open(path) }
    defer {
      lock.lock()
      idle.append(handle)
      lock.unlock()
    }
    return try body(handle)
  }

  /// Every tag name, sorted by name.
  /// - Throws: `GitError` when the refs cannot be read.
  public func tags() throws(GitError) -> [String] {
    try tagNames(matching: nil).sorted()
  }

  /// The tags that match a glob and parse as PEP 440 versions, oldest first.
  /// - Parameter pattern: an `fnmatch` glob such as `v*`.
  /// - Returns: tag names with their versions; equal versions are ordered by name.
  /// - Throws: `GitError` when the refs cannot be read.
  public func releaseTags(pattern: String = "*") throws(GitError) -> [ReleaseTag] {
    try tagNames(matching: pattern)
      .compactMap { name in ReleaseVersion(name).map { ReleaseTag(name: name, version: $0) } }
      .sorted()
  }

  private func tagNames(matching pattern: String?) throws(GitError) -> [String] {
    try withHandle { (h) throws(GitError) in
      var names = git_strarray()
      let status = pattern.map { git_tag_list_match(&names, $0, h.repo) } ?? git_tag_list(&names, h.repo)
      guard status == 0 else {
        throw GitError(.failed(operation: "listing tags", repository: path, reason: GitError.lastMessage))
      }
      defer { git_strarray_dispose(&names) }
      return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }
    }
  }

  /// Resolves a tag, branch, ref name or (abbreviated) commit id to the commit it names.
  /// - Parameter ref: `v0.12.0`, `main`, `refs/tags/v0.12.0`, a full or short sha.
  /// - Returns: the commit id, annotated tags peeled.
  /// - Throws: `GitError` naming the ref and the repository when nothing matches.
  public func resolve(_ ref: String) throws(GitError) -> ObjectID {
    try withHandle { (h) throws(GitError) in
      var object: OpaquePointer?
      guard !ref.isEmpty, git_revparse_single(&object, h.repo, ref) == 0, let object else {
        throw GitError(.missingRef(ref: ref, repository: path))
      }
      defer { git_object_free(object) }
      var commit: OpaquePointer?
      guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0, let commit else {
        throw GitError(.notACommit(ref: ref, repository: path))
      }
      defer { git_object_free(commit) }
      return ObjectID(git_object_id(commit).pointee)
    }
  }
}

/// A tag whose name parses as a release version.
public struct ReleaseTag: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The tag name, `v0.6.6.post1`.
  public var name: String
  /// The version it names.
  public var version: ReleaseVersion

  public init(name: String, version: ReleaseVersion) {
    self.name = name
    self.version = version
  }

  public var description: String { name }

  public static func < (a: ReleaseTag, b: ReleaseTag) -> Bool {
    a.version != b.version ? a.version < b.version : a.name < b.name
  }
}
