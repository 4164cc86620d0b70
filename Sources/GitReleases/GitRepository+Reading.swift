import CLibGit2

extension GitRepository {
  /// A file of a commit's tree.
  public struct File: Hashable, Sendable {
    /// Repository-relative path, `vllm/config/__init__.py`.
    public var path: String
    /// The id of the file's content.
    public var blob: ObjectID
  }

  /// The regular files under a directory of a commit, walked straight from the object
  /// database (no checkout).
  /// - Parameters:
  ///   - commit: a commit (or tree) id.
  ///   - prefix: a directory such as `vllm/`; empty for the whole tree.
  ///   - extensions: file extensions to keep, without the dot; empty keeps every file.
  /// - Returns: the files sorted by path. Symlinks and submodules are left out.
  /// - Throws: `GitError` when the prefix is missing or an object is corrupt.
  public func files(at commit: ObjectID, under prefix: String = "", extensions: Set<String> = ["py"])
    throws(GitError) -> [File]
  {
    try withHandle { (h) throws(GitError) in
      let root = try tree(of: commit, in: h)
      defer { git_tree_free(root) }
      let directory = prefix.split(separator: "/").joined(separator: "/")
      let start: OpaquePointer
      if directory.isEmpty {
        start = root
      } else {
        var entry: OpaquePointer?
        guard git_tree_entry_bypath(&entry, root, directory) == 0, let entry else {
          throw GitError(.missingPath(path: prefix, commit: commit.hex, repository: path))
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
          throw GitError(.missingPath(path: prefix, commit: commit.hex, repository: path))
        }
        start = try lookupTree(ObjectID(git_tree_entry_id(entry).pointee), in: h)
      }
      defer { if start != root { git_tree_free(start) } }
      var out = [File]()
      try walk(start, base: directory.isEmpty ? "" : directory + "/", extensions: extensions, in: h, into: &out)
      out.sort { $0.path < $1.path }
      return out
    }
  }

  /// The content of a blob.
  /// - Parameter id: the blob's id.
  /// - Returns: its bytes.
  /// - Throws: `GitError` naming the object when it is missing, corrupt or not a blob.
  public func blob(_ id: ObjectID) throws(GitError) -> [UInt8] {
    try withHandle { (h) throws(GitError) in
      var object: OpaquePointer?
      var oid = id.oid
      guard git_odb_read(&object, h.odb, &oid) == 0, let object else {
        throw GitError(.corruptObject(id: id.hex, repository: path, reason: GitError.lastMessage))
      }
      defer { git_odb_object_free(object) }
      guard git_odb_object_type(object) == GIT_OBJECT_BLOB else {
        throw GitError(.wrongType(id: id.hex, expected: "blob", repository: path))
      }
      let size = git_odb_object_size(object)
      guard size > 0, let data = git_odb_object_data(object) else { return [] }
      return Array(UnsafeRawBufferPointer(start: data, count: size))
    }
  }

  private func tree(of id: ObjectID, in h: Handle) throws(GitError) -> OpaquePointer {
    var object: OpaquePointer?
    var oid = id.oid
    guard git_object_lookup(&object, h.repo, &oid, GIT_OBJECT_ANY) == 0, let object else {
      throw GitError(.corruptObject(id: id.hex, repository: path, reason: GitError.lastMessage))
    }
    defer { git_object_free(object) }
    var tree: OpaquePointer?
    guard git_object_peel(&tree, object, GIT_OBJECT_TREE) == 0, let tree else {
      throw GitError(.wrongType(id: id.hex, expected: "commit or tree", repository: path))
    }
    return tree
  }

  private func lookupTree(_ id: ObjectID, in h: Handle) throws(GitError) -> OpaquePointer {
    var tree: OpaquePointer?
    var oid = id.oid
    guard git_tree_lookup(&tree, h.repo, &oid) == 0, let tree else {
      throw GitError(.corruptObject(id: id.hex, repository: path, reason: GitError.lastMessage))
    }
    return tree
  }

  private func walk(
    _ tree: OpaquePointer, base: String, extensions: Set<String>, in h: Handle, into out: inout [File]
  ) throws(GitError) {
    for i in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, i) else { continue }
      let name = String(cString: git_tree_entry_name(entry))
      let id = ObjectID(git_tree_entry_id(entry).pointee)
      switch git_tree_entry_filemode(entry) {
      case GIT_FILEMODE_TREE:
        let child = try lookupTree(id, in: h)
        defer { git_tree_free(child) }
        try walk(child, base: base + name + "/", extensions: extensions, in: h, into: &out)
      case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
        if extensions.isEmpty || name.lastIndex(of: ".").map({ extensions.contains(String(name[name.index(after: $0)...])) }) == true {
          out.append(File(path: base + name, blob: id))
        }
      default:
        continue
      }
    }
  }
}
