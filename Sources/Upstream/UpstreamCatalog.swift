import APIExtraction
import APIModel
import Foundation
import GitReleases

/// The committed upstream data: `releases.yaml` plus compact snapshots of tracked releases.
///
/// Layout of the directory (normally `upstream/` at the top of the repository):
/// - `releases.yaml`: see `UpstreamConfiguration`.
/// - `snapshots/<release>.index`: text, one line per module: blob id, owning release, path.
/// - `snapshots/<release>.pack`: the encoded module surfaces first seen in that release.
///
/// A module surface is stored once, in the pack of the oldest release that has the same
/// file with the same blob (and extractor version); later releases refer to it. Every write
/// recomputes that assignment, so the bytes depend only on the set of snapshots stored.
public struct UpstreamCatalog: Sendable {
  /// The catalog directory.
  public let directory: URL
  /// The parsed `releases.yaml`.
  public let configuration: UpstreamConfiguration

  /// Opens a catalog.
  /// - Parameter directory: the directory holding `releases.yaml`.
  /// - Throws: `UpstreamError` when `releases.yaml` is missing or invalid (with file:line).
  public init(directory: URL) throws(UpstreamError) {
    self.directory = directory
    configuration = try UpstreamConfiguration.load(from: directory.appendingPathComponent("releases.yaml"))
  }

  /// The tracked releases from `releases.yaml`, oldest first.
  public var releases: [String] { configuration.releases }

  /// The releases that have a stored snapshot, oldest first.
  public var storedReleases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory.path)) ?? []
    return Self.ordered(names.filter { $0.hasSuffix(".index") && !$0.hasPrefix(".") }.map { String($0.dropLast(6)) })
  }

  private var snapshotsDirectory: URL { directory.appendingPathComponent("snapshots") }

  private func indexURL(_ release: String) -> URL { snapshotsDirectory.appendingPathComponent("\(release).index") }

  private func packURL(_ release: String) -> URL { snapshotsDirectory.appendingPathComponent("\(release).pack") }

  /// The stored snapshot of a release.
  /// - Parameter release: a stored release, `v0.12.0`.
  /// - Throws: `UpstreamError` listing the stored releases when there is none by that name,
  ///   or naming the file when stored data is corrupt.
  public func snapshot(release: String) throws(UpstreamError) -> Snapshot {
    var packs: [String: CatalogPack.Contents] = [:]
    return try snapshot(release: release, packs: &packs)
  }

  /// The stored snapshots of several releases, reading each shared pack once.
  /// - Parameter releases: stored releases.
  /// - Returns: the snapshots, in the order asked for.
  /// - Throws: as `snapshot(release:)`.
  public func snapshots(releases: [String]) throws(UpstreamError) -> [Snapshot] {
    var packs: [String: CatalogPack.Contents] = [:]
    var snapshots = [Snapshot]()
    for release in releases { snapshots.append(try snapshot(release: release, packs: &packs)) }
    return snapshots
  }

  private func snapshot(
    release: String, packs: inout [String: CatalogPack.Contents]
  ) throws(UpstreamError) -> Snapshot {
    guard Self.isValidName(release), FileManager.default.fileExists(atPath: indexURL(release).path) else {
      throw UpstreamError(.unknownRelease(release: release, available: storedReleases, directory: directory.path))
    }
    let index = try readIndex(release)
    var modules = [ModuleSurface]()
    modules.reserveCapacity(index.entries.count)
    for entry in index.entries {
      if packs[entry.owner] == nil { packs[entry.owner] = try readPack(entry.owner, extractor: index.extractor) }
      let key = CatalogPack.Key(path: entry.path, blob: entry.blob)
      guard var reader = packs[entry.owner]?.reader(for: key) else {
        throw UpstreamError(.corrupt(file: packURL(entry.owner).path, reason: "no surface for \(entry.path) (\(entry.blob))"))
      }
      do {
        modules.append(try SurfaceCodec.decode(&reader))
      } catch {
        throw UpstreamError(.corrupt(file: packURL(entry.owner).path, reason: "\(entry.path): \(error.reason)"))
      }
      guard reader.isAtEnd else {
        throw UpstreamError(.corrupt(file: packURL(entry.owner).path, reason: "\(entry.path): trailing bytes"))
      }
    }
    return Snapshot(release: index.release, commit: index.commit, modules: modules)
  }

  /// Adds or replaces the snapshot of a release.
  ///
  /// Files are replaced atomically, and only those whose bytes change are written.
  /// - Parameters:
  ///   - snapshot: the release's snapshot; its `release` names it.
  ///   - blobs: the blob id of every module file, by path.
  /// - Throws: `UpstreamError` when a module's blob is missing, stored data is corrupt or a
  ///   file cannot be written.
  public func write(_ snapshot: Snapshot, blobs: [String: ObjectID]) throws(UpstreamError) {
    try write([(snapshot, blobs)])
  }

  /// Adds or replaces the snapshots of several releases at once, which is faster than one
  /// by one: the other releases' data is read and rewritten once.
  /// - Parameter releases: each release's snapshot with the blob ids of its module files.
  /// - Throws: as `write(_:blobs:)`.
  public func write(_ releases: [(snapshot: Snapshot, blobs: [String: ObjectID])]) throws(UpstreamError) {
    try write(releases, extractor: APIExtraction.extractorVersion)
  }

  func write(_ releases: [(snapshot: Snapshot, blobs: [String: ObjectID])], extractor: Int) throws(UpstreamError) {
    // Every release's index and the encoded surface of every (path, blob, extractor).
    struct ObjectKey: Hashable {
      var key: CatalogPack.Key
      var extractor: Int
    }
    var indexes: [String: CatalogIndex] = [:]
    var objects: [ObjectKey: [UInt8]] = [:]
    for (snapshot, blobs) in releases {
      let release = snapshot.release
      guard Self.isValidName(release) else { throw UpstreamError(.invalidRelease(name: release)) }
      var entries = [CatalogIndex.Entry]()
      for module in snapshot.modules {
        guard let blob = blobs[module.file] else { throw UpstreamError(.missingBlob(path: module.file, release: release)) }
        entries.append(CatalogIndex.Entry(path: module.file, blob: blob, owner: release))
        objects[ObjectKey(key: CatalogPack.Key(path: module.file, blob: blob), extractor: extractor)] = SurfaceCodec.encode(module)
      }
      entries.sort { ($0.path, $0.blob) < ($1.path, $1.blob) }
      indexes[release] = CatalogIndex(release: release, commit: snapshot.commit, extractor: extractor, entries: entries)
    }

    // Surfaces of the releases not being written come from their packs. The recorded owner
    // is tried first, then every other pack, so a write interrupted between packs and
    // indexes is repaired by the next one.
    let stored = storedReleases
    var packCache: [String: CatalogPack.Contents?] = [:]
    func storedSurface(_ key: CatalogPack.Key, owner: String, extractor: Int) -> [UInt8]? {
      for name in [owner] + stored.filter({ $0 != owner }) {
        let cacheKey = "\(extractor) \(name)"
        if packCache[cacheKey] == nil { packCache[cacheKey] = .some(try? readPack(name, extractor: extractor)) }
        if let pack = packCache[cacheKey] ?? nil, let range = pack.ranges[key] { return Array(pack.body[range]) }
      }
      return nil
    }
    for other in stored where indexes[other] == nil {
      let index = try readIndex(other)
      indexes[other] = index
      for entry in index.entries {
        let objectKey = ObjectKey(key: CatalogPack.Key(path: entry.path, blob: entry.blob), extractor: index.extractor)
        guard objects[objectKey] == nil else { continue }
        guard let bytes = storedSurface(objectKey.key, owner: entry.owner, extractor: index.extractor) else {
          throw UpstreamError(.corrupt(file: packURL(entry.owner).path, reason: "no surface for \(entry.path) (\(entry.blob))"))
        }
        objects[objectKey] = bytes
      }
    }

    // The oldest release holding an object owns it.
    var owners: [ObjectKey: String] = [:]
    var packs: [String: [CatalogPack.Key: [UInt8]]] = [:]
    for name in Self.ordered(Array(indexes.keys)) {
      guard var index = indexes[name] else { continue }
      for i in index.entries.indices {
        let objectKey = ObjectKey(key: CatalogPack.Key(path: index.entries[i].path, blob: index.entries[i].blob), extractor: index.extractor)
        if let owner = owners[objectKey] {
          index.entries[i].owner = owner
        } else {
          owners[objectKey] = name
          index.entries[i].owner = name
          packs[name, default: [:]][objectKey.key] = objects[objectKey]
        }
      }
      indexes[name] = index
    }

    for (name, index) in indexes.sorted(by: { $0.key < $1.key }) {
      if let pack = packs[name] {
        try writeIfChanged(CatalogPack.encode(pack, extractor: index.extractor), to: packURL(name))
      } else if FileManager.default.fileExists(atPath: packURL(name).path) {
        try remove(packURL(name))
      }
    }
    // Indexes last: a reader never sees an index that points into a pack not yet written.
    for (name, index) in indexes.sorted(by: { $0.key < $1.key }) {
      try writeIfChanged(Array(index.text.utf8), to: indexURL(name))
    }
  }

  private func readIndex(_ release: String) throws(UpstreamError) -> CatalogIndex {
    let url = indexURL(release)
    guard let bytes = StoredBytes.read(url) else { throw UpstreamError(.io(path: url.path, reason: "cannot read file")) }
    let index = try CatalogIndex.parse(String(decoding: bytes, as: UTF8.self), file: url.path)
    guard index.release == release else {
      throw UpstreamError(.corrupt(file: url.path, reason: "index of '\(index.release)', expected '\(release)'"))
    }
    return index
  }

  private func readPack(_ release: String, extractor: Int) throws(UpstreamError) -> CatalogPack.Contents {
    let url = packURL(release)
    guard Self.isValidName(release), let bytes = StoredBytes.read(url) else {
      throw UpstreamError(.io(path: url.path, reason: "cannot read file"))
    }
    do {
      return try CatalogPack.decode(bytes, extractor: extractor)
    } catch {
      throw UpstreamError(.corrupt(file: url.path, reason: error.reason))
    }
  }

  private func writeIfChanged(_ bytes: [UInt8], to url: URL) throws(UpstreamError) {
    guard StoredBytes.read(url) != bytes else { return }
    try StoredBytes.writeAtomically(bytes, to: url)
  }

  private func remove(_ url: URL) throws(UpstreamError) {
    do {
      try FileManager.default.removeItem(at: url)
    } catch {
      throw UpstreamError(.io(path: url.path, reason: "cannot remove: \(error.localizedDescription)"))
    }
  }

  /// Release names become file names: no path separators, whitespace or leading dot.
  static func isValidName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains { $0 == "/" || $0.isWhitespace }
  }

  /// Versions oldest first; names that are not versions after them, by name.
  static func ordered(_ names: [String]) -> [String] {
    names.sorted { a, b in
      switch (ReleaseVersion(a), ReleaseVersion(b)) {
      case (let x?, let y?): x != y ? x < y : a < b
      case (.some, nil): true
      case (nil, .some): false
      case (nil, nil): a < b
      }
    }
  }
}
