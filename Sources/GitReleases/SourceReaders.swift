import Foundation
import ZIPFoundation

/// Reads the members of the three kinds of release source.
enum SourceReaders {
  /// An sdist: gzip-compressed tar.
  static func sdist(_ url: URL) throws(UpstreamImportError) -> [SourceMember] {
    let compressed = try contents(of: url)
    let tar: [UInt8]
    switch gunzip(compressed) {
    case .success(let bytes): tar = bytes
    case .failure(let failure): throw UpstreamImportError(.corrupt(source: url.path, reason: failure.reason))
    }
    do {
      return try TarReader(tar).members()
    } catch {
      throw UpstreamImportError(.corrupt(source: url.path, reason: error.reason))
    }
  }

  /// A wheel: a zip archive.
  static func wheel(_ url: URL) throws(UpstreamImportError) -> [SourceMember] {
    do {
      let archive = try Archive(url: url, accessMode: .read)
      var members = [SourceMember]()
      for entry in archive {
        var bytes = [UInt8]()
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        let permissions = (entry.fileAttributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o644
        let content: SourceMember.Content =
          switch entry.type {
          case .directory: .directory
          case .symlink: .symlink(target: String(decoding: bytes, as: UTF8.self))
          case .file: .file(bytes, executable: permissions & 0o111 != 0)
          }
        members.append(SourceMember(path: entry.path, content: content))
      }
      return members
    } catch {
      throw UpstreamImportError(.corrupt(source: url.path, reason: "\(error)"))
    }
  }

  /// A directory on disk; `.git` is left out.
  static func directory(_ url: URL) throws(UpstreamImportError) -> [SourceMember] {
    var members = [SourceMember]()
    try walk(url, relative: "", source: url.path, into: &members)
    return members
  }

  private static func walk(_ url: URL, relative: String, source: String, into members: inout [SourceMember])
    throws(UpstreamImportError)
  {
    let fm = FileManager.default
    let names: [String]
    do {
      names = try fm.contentsOfDirectory(atPath: url.path).sorted()
    } catch {
      throw UpstreamImportError(.unreadable(source: url.path, reason: error.localizedDescription))
    }
    for name in names where name != ".git" {
      let child = url.appendingPathComponent(name)
      let path = relative.isEmpty ? name : relative + "/" + name
      var info = stat()
      guard lstat(child.path, &info) == 0 else {
        throw UpstreamImportError(.unreadable(source: child.path, reason: String(cString: strerror(errno))))
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        members.append(SourceMember(path: path, content: .directory))
        try walk(child, relative: path, source: source, into: &members)
      case S_IFLNK:
        guard let target = try? fm.destinationOfSymbolicLink(atPath: child.path) else {
          throw UpstreamImportError(.unreadable(source: child.path, reason: "unreadable symlink"))
        }
        members.append(SourceMember(path: path, content: .symlink(target: target)))
      case S_IFREG:
        let bytes = try contents(of: child)
        members.append(SourceMember(path: path, content: .file(bytes, executable: info.st_mode & 0o111 != 0)))
      default:
        throw UpstreamImportError(.unsafeMember(source: source, member: path, reason: "not a file, directory or symlink"))
      }
    }
  }

  static func contents(of url: URL) throws(UpstreamImportError) -> [UInt8] {
    do {
      return Array(try Data(contentsOf: url))
    } catch {
      throw UpstreamImportError(.unreadable(source: url.path, reason: error.localizedDescription))
    }
  }
}
