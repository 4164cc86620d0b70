import APIModel
import Foundation

/// Loads `<directory>/<revision>/patches.yaml`, following `inherits:` chains: an entry in a
/// child file replaces the parent's entry with the same key (kind, upstream path, plugin
/// symbol), and an entry with `moved_from:` also drops the parent's entry at the old path.
public struct PatchesManifestLoader: Sendable {
  /// The `adapters/` directory.
  public let directory: String

  /// Creates a loader.
  /// - Parameter directory: The directory holding one sub-directory per revision.
  public init(directory: String) {
    self.directory = directory
  }

  /// The path of a revision's manifest.
  public func path(of revision: String) -> String {
    (directory as NSString).appendingPathComponent("\(revision)/\(PatchesManifestV1.fileName)")
  }

  /// Whether the revision has a manifest of its own.
  public func exists(_ revision: String) -> Bool {
    FileManager.default.fileExists(atPath: path(of: revision))
  }

  /// Loads a revision's manifest with its inherited entries.
  /// - Parameter revision: The vLLM revision, `v0.11.0`.
  /// - Returns: The merged manifest.
  /// - Throws: ``ManifestError`` naming the file and line of the first problem.
  public func load(revision: String) throws(ManifestError) -> PatchesManifestV1 {
    let files = try inheritanceChain(
      from: revision, read: { (revision, requestedAt) throws(ManifestError) in try read(revision, requestedAt: requestedAt) },
      inherits: \.inherits)
    var merged: [PatchEntry.Key: PatchEntry] = [:]
    for file in files.reversed() {
      for entry in file.entries {
        if let old = entry.movedFrom {
          merged[PatchEntry.Key(kind: entry.kind, upstream: old, plugin: entry.plugin ?? "")] = nil
        }
        merged[entry.key] = entry
      }
    }
    return PatchesManifestV1(
      revision: revision, inherits: files[0].inherits?.revision, package: files.lazy.compactMap(\.package).first,
      chain: files.map(\.revision), entries: Array(merged.values))
  }

  /// Loads only the revision's own file, without inherited entries.
  /// - Parameter revision: The vLLM revision.
  /// - Returns: The file's entries; `chain` is just the revision.
  /// - Throws: ``ManifestError`` naming the file and line of the first problem.
  public func loadFile(revision: String) throws(ManifestError) -> PatchesManifestV1 {
    guard exists(revision) else { throw .missingRevision(revision, path: path(of: revision), at: nil) }
    return try Self.parseFile(at: path(of: revision), revision: revision)
  }

  private func read(_ revision: String, requestedAt: SourceLocation?) throws(ManifestError) -> PatchesManifestFile {
    let path = path(of: revision)
    guard FileManager.default.fileExists(atPath: path) else {
      throw .missingRevision(revision, path: path, at: requestedAt)
    }
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    return try PatchesManifestFile(text: text, file: path, expectedRevision: revision)
  }
}

extension PatchesManifestLoader {
  /// Parses one manifest file wherever it is, without following `inherits:`.
  /// - Parameters:
  ///   - path: The file.
  ///   - revision: The revision it must declare.
  /// - Returns: The file's own entries.
  /// - Throws: ``ManifestError`` naming the file and line of the first problem.
  public static func parseFile(at path: String, revision: String) throws(ManifestError) -> PatchesManifestV1 {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw .unreadable(path: path, reason: error.localizedDescription)
    }
    let file = try PatchesManifestFile(text: text, file: path, expectedRevision: revision)
    return PatchesManifestV1(revision: revision, inherits: file.inherits?.revision, package: file.package,
                             entries: file.entries)
  }
}
