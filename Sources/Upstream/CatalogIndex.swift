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

/// The binary pack of one catalog release: the encoded surfaces that release introduced,
/// zlib-compressed, sorted by (path, blob).
enum CatalogPack {
  struct Key: Hashable, Comparable {
    var path: String
    var blob: ObjectID

    static func < (a: Key, b: Key) -> Bool { (a.path, a.blob) < (b.path, b.blob) }
  }

  static func encode(_ objects: [Key: [UInt8]], extractor: Int) -> [UInt8] {
    var body = ByteWriter()
    body.varint(objects.count)
    for key in objects.keys.sorted() {
      let bytes = objects[key] ?? []
      body.string(key.path)
      body.raw(key.blob.bytes)
      body.varint(bytes.count)
      body.raw(bytes)
    }
    var payload = ByteWriter()
    payload.varint(body.bytes.count)
    payload.raw(StoredBytes.deflate(body.bytes))
    return StoredBytes.frame(magic: "VMSP", extractor: extractor, payload: payload.bytes)
  }

  /// The inflated contents of a pack: encoded surfaces as ranges of one buffer.
  struct Contents {
    var body: [UInt8]
    var ranges: [Key: Range<Int>]

    /// A reader over one surface's bytes.
    func reader(for key: Key) -> ByteReader? {
      ranges[key].map { ByteReader(body, from: $0.lowerBound, to: $0.upperBound) }
    }
  }

  static func decode(_ bytes: [UInt8], extractor: Int) throws(ByteReader.Failure) -> Contents {
    var payload = try StoredBytes.unframe(bytes, magic: "VMSP", extractor: extractor)
    let size = try payload.varint()
    let body = try StoredBytes.inflate(try payload.raw(payload.end - payload.offset), size: size)
    var reader = ByteReader(body)
    let count = try reader.count(below: body.count + 1)
    var ranges = [Key: Range<Int>](minimumCapacity: count)
    for _ in 0..<count {
      let path = try reader.string()
      guard let blob = ObjectID(bytes: try reader.raw(20)) else { throw ByteReader.Failure(reason: "bad blob id") }
      let surface = try reader.raw(try reader.varint())
      ranges[Key(path: path, blob: blob)] = surface.startIndex..<surface.endIndex
    }
    guard reader.isAtEnd else { throw ByteReader.Failure(reason: "trailing bytes") }
    return Contents(body: body, ranges: ranges)
  }
}
