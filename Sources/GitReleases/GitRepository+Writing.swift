import CLibGit2
import Foundation

/// One entry of a tree to write.
package struct TreeEntry: Sendable {
  package enum Mode: UInt32, Sendable {
    case file = 0o100644
    case executable = 0o100755
    case symlink = 0o120000
    case directory = 0o040000
  }

  package var name: String
  package var mode: Mode
  package var id: ObjectID

  package init(name: String, mode: Mode, id: ObjectID) {
    self.name = name
    self.mode = mode
    self.id = id
  }
}

extension GitRepository {
  /// Creates a bare repository whose HEAD is `refs/heads/main`, with missing parent directories.
  /// - Parameter url: where to create it.
  /// - Returns: the opened repository.
  /// - Throws: `GitError` naming the path.
  package static func createBare(at url: URL) throws(GitError) -> GitRepository {
    Self.initialized
    var options = git_repository_init_options()
    git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
    options.flags = GIT_REPOSITORY_INIT_BARE.rawValue | GIT_REPOSITORY_INIT_MKPATH.rawValue
    var repo: OpaquePointer?
    let status = "main".withCString { head in
      options.initial_head = head
      return git_repository_init_ext(&repo, url.path, &options)
    }
    guard status == 0, let repo else {
      throw GitError(.cannotOpen(path: url.path, reason: GitError.lastMessage))
    }
    git_repository_free(repo)
    return try GitRepository(at: url)
  }

  /// Writes a blob into the object database.
  package func writeBlob(_ bytes: [UInt8]) throws(GitError) -> ObjectID {
    try withHandle { (h) throws(GitError) in
      var oid = git_oid()
      let status = bytes.withUnsafeBytes { git_blob_create_from_buffer(&oid, h.repo, $0.baseAddress, $0.count) }
      guard status == 0 else { throw failure("writing a blob") }
      return ObjectID(oid)
    }
  }

  /// Writes one tree (not its children, which must already exist).
  package func writeTree(_ entries: [TreeEntry]) throws(GitError) -> ObjectID {
    try withHandle { (h) throws(GitError) in
      var builder: OpaquePointer?
      guard git_treebuilder_new(&builder, h.repo, nil) == 0, let builder else { throw failure("building a tree") }
      defer { git_treebuilder_free(builder) }
      for entry in entries {
        var oid = entry.id.oid
        guard git_treebuilder_insert(nil, builder, entry.name, &oid, git_filemode_t(entry.mode.rawValue)) == 0 else {
          throw failure("adding '\(entry.name)' to a tree")
        }
      }
      var oid = git_oid()
      guard git_treebuilder_write(&oid, builder) == 0 else { throw failure("writing a tree") }
      return ObjectID(oid)
    }
  }

  /// Writes a commit object without moving any ref.
  package func writeCommit(tree: ObjectID, parent: ObjectID?, message: String, date: Date) throws(GitError) -> ObjectID {
    try withHandle { (h) throws(GitError) in
      var signature: UnsafeMutablePointer<git_signature>?
      guard git_signature_new(&signature, "vmsync", "vmsync@localhost", git_time_t(date.timeIntervalSince1970), 0) == 0,
        let signature
      else { throw failure("creating a signature") }
      defer { git_signature_free(signature) }
      var treeObject: OpaquePointer?
      var treeID = tree.oid
      guard git_tree_lookup(&treeObject, h.repo, &treeID) == 0, let treeObject else { throw failure("reading tree \(tree)") }
      defer { git_tree_free(treeObject) }
      var parentObject: OpaquePointer?
      if let parent {
        var parentID = parent.oid
        guard git_commit_lookup(&parentObject, h.repo, &parentID) == 0 else { throw failure("reading commit \(parent)") }
      }
      defer { if let parentObject { git_commit_free(parentObject) } }
      var oid = git_oid()
      var parents: [OpaquePointer?] = parentObject.map { [$0] } ?? []
      let status = parents.withUnsafeMutableBufferPointer { buffer in
        git_commit_create(
          &oid, h.repo, nil, signature, signature, nil, message, treeObject, buffer.count, buffer.baseAddress)
      }
      guard status == 0 else { throw failure("writing a commit") }
      return ObjectID(oid)
    }
  }

  /// The id a ref points at, or nil when there is no such ref.
  package func reference(_ name: String) throws(GitError) -> ObjectID? {
    try withHandle { (h) throws(GitError) in
      var oid = git_oid()
      let status = git_reference_name_to_id(&oid, h.repo, name)
      if status == GIT_ENOTFOUND.rawValue { return nil }
      guard status == 0 else { throw failure("reading ref \(name)") }
      return ObjectID(oid)
    }
  }

  /// Points a ref at an id.
  /// - Parameters:
  ///   - name: the full ref name, `refs/tags/v1.0`.
  ///   - id: the new target.
  ///   - current: the id the ref must still point at (nil: the ref must not exist yet).
  package func setReference(_ name: String, to id: ObjectID, expecting current: ObjectID?) throws(GitError) {
    try withHandle { (h) throws(GitError) in
      var ref: OpaquePointer?
      var oid = id.oid
      let status: Int32
      if let current {
        var expected = current.oid
        status = git_reference_create_matching(&ref, h.repo, name, &oid, 1, &expected, nil)
      } else {
        status = git_reference_create(&ref, h.repo, name, &oid, 0, nil)
      }
      guard status == 0 else { throw failure("updating \(name)") }
      git_reference_free(ref)
    }
  }

  private func failure(_ operation: String) -> GitError {
    GitError(.failed(operation: operation, repository: path, reason: GitError.lastMessage))
  }
}
