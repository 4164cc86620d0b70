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

  func indexURL(_ release: String) -> URL { snapshotsDirectory.appendingPathComponent("\(release).index") }

  func packURL(_ release: String) -> URL { snapshotsDirectory.appendingPathComponent("\(release).pack") }

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

  func readIndex(_ release: String) throws(UpstreamError) -> CatalogIndex {
    let url = indexURL(release)
    guard let bytes = StoredBytes.read(url) else { throw UpstreamError(.io(path: url.path, reason: "cannot read file")) }
    let index = try CatalogIndex.parse(String(decoding: bytes, as: UTF8.self), file: url.path)
    guard index.release == release else {
      throw UpstreamError(.corrupt(file: url.path, reason: "index of '\(index.release)', expected '\(release)'"))
    }
    return index
  }

  func readPack(_ release: String, extractor: Int) throws(UpstreamError) -> CatalogPack.Contents {
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

  func writeIfChanged(_ bytes: [UInt8], to url: URL) throws(UpstreamError) {
    guard StoredBytes.read(url) != bytes else { return }
    try StoredBytes.writeAtomically(bytes, to: url)
  }

  func remove(_ url: URL) throws(UpstreamError) {
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
