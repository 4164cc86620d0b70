/// One member of a release source, with its path as stored in the source.
struct SourceMember {
  enum Content {
    case file([UInt8], executable: Bool)
    case directory
    case symlink(target: String)
    /// A tar hard link: the same content as an earlier member.
    case hardLink(target: String)
  }

  var path: String
  var content: Content
}

/// The files of a release source, checked to stay inside its root, as a tree of directories.
struct SourceTree {
  final class Directory {
    var directories: [String: Directory] = [:]
    var files: [String: (mode: TreeEntry.Mode, bytes: [UInt8])] = [:]

    /// True when no file is below this directory.
    var isEmpty: Bool { files.isEmpty && directories.values.allSatisfy(\.isEmpty) }
  }

  let root = Directory()
  private(set) var fileCount = 0
  private let source: String
  /// Symlinks seen so far, by normalised path, for resolving later link targets.
  private var symlinks: [[String]: String] = [:]
  private var regularFiles: [[String]: (mode: TreeEntry.Mode, bytes: [UInt8])] = [:]

  /// Builds the tree of a source's members.
  /// - Parameters:
  ///   - members: the members in source order; a later member replaces an earlier one.
  ///   - source: the source's path, for errors.
  ///   - stripTopDirectory: drop the single top-level directory every member must be in.
  init(_ members: [SourceMember], source: String, stripTopDirectory: Bool) throws(UpstreamImportError) {
    self.source = source
    var top: String?
    for member in members {
      var parts = try components(of: member)
      if stripTopDirectory {
        guard let first = parts.first else { continue }
        if top == nil { top = first }
        guard first == top else {
          throw unsafe(member.path, "outside the single top-level directory '\(top ?? "")/'")
        }
        parts.removeFirst()
      }
      guard let name = parts.last else { continue }
      switch member.content {
      case .directory:
        _ = try directory(at: parts, member: member.path)
      case .file(let bytes, let executable):
        try add(name, at: parts, mode: executable ? .executable : .file, bytes: bytes, member: member.path)
      case .symlink(let target):
        guard !target.hasPrefix("/") else { throw unsafe(member.path, "symlink to absolute path '\(target)'") }
        let resolved = try resolve(parts.dropLast() + target.split(separator: "/").map(String.init), member: member.path)
        guard resolved != nil else { throw unsafe(member.path, "symlink '\(target)' escapes the root") }
        symlinks[parts] = target
        try add(name, at: parts, mode: .symlink, bytes: Array(target.utf8), member: member.path)
      case .hardLink(let target):
        var targetParts = try components(of: SourceMember(path: target, content: .directory))
        if stripTopDirectory, targetParts.first == top { targetParts.removeFirst() }
        guard let original = regularFiles[targetParts] else {
          throw unsafe(member.path, "hard link to '\(target)', which is not an earlier file")
        }
        try add(name, at: parts, mode: original.mode, bytes: original.bytes, member: member.path)
      }
    }
    guard fileCount > 0 else { throw UpstreamImportError(.empty(source: source)) }
  }

  /// The checked components of a member's path.
  private func components(of member: SourceMember) throws(UpstreamImportError) -> [String] {
    guard !member.path.hasPrefix("/") else { throw unsafe(member.path, "absolute path") }
    var parts = [String]()
    for part in member.path.split(separator: "/") where part != "." {
      guard part != ".." else { throw unsafe(member.path, "'..' in path") }
      guard part != ".git", !part.contains("\0") else { throw unsafe(member.path, "invalid name '\(part)'") }
      parts.append(String(part))
    }
    return parts
  }

  /// Resolves `..` and the symlinks seen so far; nil when the path leaves the root.
  private func resolve(_ parts: [String], member: String) throws(UpstreamImportError) -> [String]? {
    var pending = Array(parts.reversed())
    var resolved = [String]()
    var expansions = 0
    while let part = pending.popLast() {
      if part == "." || part.isEmpty { continue }
      if part == ".." {
        guard resolved.popLast() != nil else { return nil }
        continue
      }
      resolved.append(part)
      if let target = symlinks[resolved] {
        expansions += 1
        guard expansions <= 40 else { throw unsafe(member, "too many levels of symlinks") }
        guard !target.hasPrefix("/") else { return nil }
        resolved.removeLast()
        pending.append(contentsOf: target.split(separator: "/").map(String.init).reversed())
      }
    }
    return resolved
  }

  private mutating func add(
    _ name: String, at parts: [String], mode: TreeEntry.Mode, bytes: [UInt8], member: String
  ) throws(UpstreamImportError) {
    let parent = try directory(at: Array(parts.dropLast()), member: member)
    guard parent.directories[name] == nil else { throw unsafe(member, "a file where the source has a directory") }
    if parent.files.updateValue((mode, bytes), forKey: name) == nil { fileCount += 1 }
    if mode == .symlink {
      regularFiles[parts] = nil
    } else {
      symlinks[parts] = nil
      regularFiles[parts] = (mode, bytes)
    }
  }

  private func directory(at parts: [String], member: String) throws(UpstreamImportError) -> Directory {
    var current = root
    for part in parts {
      guard current.files[part] == nil else { throw unsafe(member, "a directory where the source has a file") }
      if let next = current.directories[part] {
        current = next
      } else {
        let next = Directory()
        current.directories[part] = next
        current = next
      }
    }
    return current
  }

  private func unsafe(_ member: String, _ reason: String) -> UpstreamImportError {
    UpstreamImportError(.unsafeMember(source: source, member: member, reason: reason))
  }
}

extension GitRepository {
  /// Writes the blobs and trees of a source tree, leaving out empty directories (git has
  /// none); returns the tree's id.
  func write(_ directory: SourceTree.Directory) throws(GitError) -> ObjectID {
    var entries = [TreeEntry]()
    for (name, file) in directory.files {
      entries.append(TreeEntry(name: name, mode: file.mode, id: try writeBlob(file.bytes)))
    }
    for (name, child) in directory.directories where !child.isEmpty {
      entries.append(TreeEntry(name: name, mode: .directory, id: try write(child)))
    }
    return try writeTree(entries)
  }
}
