import APIModel
import Foundation

/// Loads `<directory>/<revision>/ops.yaml`, following `inherits:` chains: an entry in a
/// child file replaces the parent's entry for the same upstream op.
public struct OpsManifestLoader: Sendable {
  /// The `adapters/` directory.
  public let directory: String
  /// The names entries are checked against; `nil` checks structure only.
  public let vocabulary: OpVocabulary?

  /// Creates a loader.
  /// - Parameters:
  ///   - directory: The directory holding one sub-directory per revision.
  ///   - vocabulary: Upstream and MindSpore op names to check entries against.
  public init(directory: String, vocabulary: OpVocabulary? = nil) {
    self.directory = directory
    self.vocabulary = vocabulary
  }

  /// The path of a revision's manifest.
  public func path(of revision: String) -> String {
    (directory as NSString).appendingPathComponent("\(revision)/ops.yaml")
  }

  /// Loads a revision's manifest with its inherited entries.
  /// - Parameter revision: The vLLM revision, `v0.11.0`.
  /// - Returns: The merged manifest.
  /// - Throws: ``ManifestError`` naming the file and line of the first problem.
  public func load(revision: String) throws(ManifestError) -> OpsManifestV1 {
    let files = try inheritanceChain(
      from: revision, read: { (revision, requestedAt) throws(ManifestError) in try read(revision, requestedAt: requestedAt) },
      inherits: \.inherits)
    // An entry is checked against this revision's names wherever it is defined: an
    // inherited entry must still fit the child revision's signatures.
    var owners: [String: ManifestFile] = [:]
    for file in files.reversed() {
      for op in file.mappings.keys { owners[op] = file }
    }
    var mappings: [String: OpMapping] = [:]
    for (op, file) in owners.sorted(by: { $0.key < $1.key }) {
      if let vocabulary {
        mappings[op] = try file.checked(op, vocabulary: vocabulary)
      } else {
        mappings[op] = file.mappings[op]
      }
    }
    return OpsManifestV1(revision: revision, chain: files.map(\.revision), mappings: mappings)
  }

  /// The revisions that have a manifest in the directory, sorted.
  public func revisions() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: path(of: $0)) }.sorted()
  }

  private func read(_ revision: String, requestedAt: SourceLocation?) throws(ManifestError) -> ManifestFile {
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
    return try ManifestFile(text: text, file: path, expectedRevision: revision)
  }
}
