import GitReleases

/// The text index of one catalog release: which blob each module file had, and which
/// release's pack holds its surface.
///
/// ```
/// vmsync.upstream-index/1
/// release v0.12.0
/// commit 1f0c…
/// extractor 3
/// <blob hex> <owner release> <path>
/// ```
/// Module lines are sorted by path, so consecutive releases diff line by line.
struct CatalogIndex: Equatable {
  static let header = "vmsync.upstream-index/1"

  struct Entry: Equatable {
    var path: String
    var blob: ObjectID
    /// The release whose pack holds the surface.
    var owner: String
  }

  var release: String
  var commit: String?
  var extractor: Int
  var entries: [Entry]

  var text: String {
    var lines = [Self.header, "release \(release)", "commit \(commit ?? "-")", "extractor \(extractor)"]
    for entry in entries { lines.append("\(entry.blob.hex) \(entry.owner) \(entry.path)") }
    return lines.joined(separator: "\n") + "\n"
  }

  static func parse(_ text: String, file: String) throws(UpstreamError) -> CatalogIndex {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    func fail(_ line: Int, _ reason: String) -> UpstreamError {
      UpstreamError(.corrupt(file: "\(file):\(line + 1)", reason: reason))
    }
    func field(_ line: Int, _ name: String) throws(UpstreamError) -> String {
      guard line < lines.count, lines[line].hasPrefix(name + " ") else { throw fail(line, "expected '\(name) …'") }
      return String(lines[line].dropFirst(name.count + 1))
    }
    guard lines.first == Substring(header) else { throw fail(0, "expected '\(header)'") }
    let release = try field(1, "release")
    let commit = try field(2, "commit")
    guard let extractor = Int(try field(3, "extractor")) else { throw fail(3, "bad extractor version") }
    var entries = [Entry]()
    for (n, line) in lines.enumerated().dropFirst(4) where !line.isEmpty {
      let parts = line.split(separator: " ", maxSplits: 2)
      guard parts.count == 3, let blob = ObjectID(hex: parts[0]) else { throw fail(n, "expected '<blob> <release> <path>'") }
      entries.append(Entry(path: String(parts[2]), blob: blob, owner: String(parts[1])))
    }
    return CatalogIndex(release: release, commit: commit == "-" ? nil : commit, extractor: extractor, entries: entries)
  }
}
