import CLibGit2
import Foundation

/// Turns a release's source (sdist, wheel or directory) into a tagged commit of a bare
/// repository, through libgit2 alone: no index, no checkout, no `git` process.
public enum UpstreamImporter {
  /// Imports a release source as a commit on `refs/heads/main` plus a tag.
  ///
  /// The whole source is read and checked before anything is written, and refs move only
  /// after every object was written, so a rejected source leaves the repository unchanged.
  /// - Parameters:
  ///   - source: a `.tar.gz`/`.tgz` sdist (its single top directory is stripped), a `.whl`
  ///     wheel, or a directory.
  ///   - tag: the tag to create, `v0.12.0`; an existing tag is an error.
  ///   - repoPath: the repository; a bare one is created when the path does not exist.
  ///   - message: the commit message.
  ///   - date: the commit's author and committer time.
  /// - Returns: the new commit's id.
  /// - Throws: `UpstreamImportError` naming the source and member, or the repository and tag.
  @discardableResult
  public static func importSource(
    _ source: URL, tag: String, into repoPath: URL, message: String, date: Date = Date()
  ) throws(UpstreamImportError) -> ObjectID {
    let members = { () throws(UpstreamImportError) in try Self.members(of: source) }
    return try commit(members, source: source.path, stripTopDirectory: isSdist(source), tag: tag,
                      into: repoPath, message: message, date: date)
  }

  /// Commits files given in memory, as `importSource` commits a source.
  /// - Parameter files: file contents by repository-relative path.
  @discardableResult
  package static func importFiles(
    _ files: [String: [UInt8]], tag: String, into repoPath: URL, message: String, date: Date
  ) throws(UpstreamImportError) -> ObjectID {
    let members = files.sorted { $0.key < $1.key }.map { SourceMember(path: $0.key, content: .file($0.value, executable: false)) }
    return try commit({ members }, source: "<files>", stripTopDirectory: false, tag: tag, into: repoPath,
                      message: message, date: date)
  }

  private static func commit(
    _ readMembers: () throws(UpstreamImportError) -> [SourceMember], source: String, stripTopDirectory: Bool,
    tag: String, into repoPath: URL, message: String, date: Date
  ) throws(UpstreamImportError) -> ObjectID {
    guard git_reference_is_valid_name("refs/tags/" + tag) != 0 else { throw UpstreamImportError(.invalidTag(tag: tag)) }
    let existing = try git { () throws(GitError) in
      FileManager.default.fileExists(atPath: repoPath.path) ? try GitRepository(at: repoPath) : nil
    }
    if let existing, try git({ () throws(GitError) in try existing.reference("refs/tags/" + tag) }) != nil {
      throw UpstreamImportError(.tagExists(tag: tag, repository: repoPath.path))
    }

    let tree = try SourceTree(try readMembers(), source: source, stripTopDirectory: stripTopDirectory)

    return try git { () throws(GitError) in
      let repo: GitRepository
      if let existing { repo = existing } else { repo = try GitRepository.createBare(at: repoPath) }
      let parent = try repo.reference("refs/heads/main")
      let treeID = try repo.write(tree.root)
      let commit = try repo.writeCommit(tree: treeID, parent: parent, message: message, date: date)
      try repo.setReference("refs/tags/" + tag, to: commit, expecting: nil)
      try repo.setReference("refs/heads/main", to: commit, expecting: parent)
      return commit
    }
  }

  private static func git<T>(_ body: () throws(GitError) -> T) throws(UpstreamImportError) -> T {
    do {
      return try body()
    } catch {
      throw UpstreamImportError(.git(error))
    }
  }

  private static func isSdist(_ url: URL) -> Bool {
    url.path.hasSuffix(".tar.gz") || url.path.hasSuffix(".tgz")
  }

  private static func members(of source: URL) throws(UpstreamImportError) -> [SourceMember] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
      throw UpstreamImportError(.unreadable(source: source.path, reason: "no such file or directory"))
    }
    if isDirectory.boolValue { return try SourceReaders.directory(source) }
    if isSdist(source) { return try SourceReaders.sdist(source) }
    if source.pathExtension == "whl" { return try SourceReaders.wheel(source) }
    throw UpstreamImportError(.unsupportedSource(source: source.path))
  }
}
