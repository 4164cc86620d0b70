import APIExtraction
import APIModel
import Foundation
import GitReleases

extension UpstreamCatalog {
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
    // Packs first, then indexes: a write interrupted in between leaves indexes whose
    // surfaces are still in some pack, which the next write finds.
    for (name, index) in indexes.sorted(by: { $0.key < $1.key }) {
      try writeIfChanged(Array(index.text.utf8), to: indexURL(name))
    }
  }
}
