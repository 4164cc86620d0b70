import APIExtraction
import APIModel
import Foundation
import GitReleases

/// A directory of extracted module surfaces: one pack per (commit, package root, extractor
/// version), so a whole release loads with one read, and the next release takes the files it
/// shares with the last one from that one's pack (a surface is keyed by blob id and path).
///
/// The cache is an optimisation only: entries that are missing, corrupt or from another
/// format or extractor version read as misses, and write failures are ignored.
public struct SurfaceCache: Sendable {
  /// The cache's root directory.
  public let directory: URL
  private let extractor: Int
  private var root: URL { directory.appendingPathComponent("surfaces/c\(SurfaceCodec.version)-x\(extractor)") }

  /// A cache under `directory`, for the linked extractor's version.
  /// - Parameter directory: the cache root, created on first write.
  public init(directory: URL) {
    self.init(directory: directory, extractorVersion: APIExtraction.extractorVersion)
  }

  init(directory: URL, extractorVersion: Int) {
    self.directory = directory
    self.extractor = extractorVersion
  }

  /// `$XDG_CACHE_HOME/vmsync` when set, else `~/.cache/vmsync`.
  public static var defaultDirectory: URL {
    if let xdg = ProcessInfo.processInfo.environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
      return URL(fileURLWithPath: xdg).appendingPathComponent("vmsync")
    }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/vmsync")
  }

  /// Every file of a release, as stored by `storeRelease`, or nil on a miss.
  func release(commit: ObjectID, packageRoot: String) -> [(blob: ObjectID, surface: ModuleSurface)]? {
    releaseFiles(at: releaseURL(commit: commit, packageRoot: packageRoot))
  }

  /// The files of the release pack written last under the same package root, other than
  /// `commit`'s own: where the next release finds the surfaces of the files it shares with the
  /// one snapshotted before it, in one read rather than one per file.
  func latestRelease(otherThan commit: ObjectID, packageRoot: String) -> [(blob: ObjectID, surface: ModuleSurface)]? {
    let directory = root.appendingPathComponent("releases")
    let suffix = "-\(StoredBytes.fingerprint(packageRoot)).pack"
    let own = releaseURL(commit: commit, packageRoot: packageRoot).lastPathComponent
    let keys: [URLResourceKey] = [.contentModificationDateKey]
    guard let urls = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys)
    else { return nil }
    let newest = urls.filter { $0.lastPathComponent.hasSuffix(suffix) && $0.lastPathComponent != own }
      .compactMap { url in (try? url.resourceValues(forKeys: Set(keys)).contentModificationDate).map { (url, $0) } }
      .max { $0.1 < $1.1 }
    return newest.flatMap { releaseFiles(at: $0.0) }
  }

  private func releaseFiles(at url: URL) -> [(blob: ObjectID, surface: ModuleSurface)]? {
    guard let bytes = StoredBytes.read(url),
      var payload = try? StoredBytes.unframe(bytes, magic: "VMSR", extractor: extractor)
    else { return nil }
    do throws(ByteReader.Failure) {
      let size = try payload.varint()
      var reader = ByteReader(try StoredBytes.inflate(try payload.raw(payload.end - payload.offset), size: size))
      let count = try reader.count(below: reader.end - reader.offset + 1)
      var files = [(blob: ObjectID, surface: ModuleSurface)]()
      files.reserveCapacity(count)
      for _ in 0..<count {
        guard let blob = ObjectID(bytes: try reader.raw(20)) else { return nil }
        files.append((blob, try SurfaceCodec.decode(&reader)))
      }
      return reader.isAtEnd ? files : nil
    } catch {
      return nil
    }
  }

  /// Stores every file of a release.
  func storeRelease(commit: ObjectID, packageRoot: String, files: [(blob: ObjectID, surface: ModuleSurface)]) {
    var body = ByteWriter()
    body.varint(files.count)
    for file in files {
      body.raw(file.blob.bytes)
      body.raw(SurfaceCodec.encode(file.surface))
    }
    // Fast compression: a quarter of the size on disk for a few milliseconds per load.
    var payload = ByteWriter()
    payload.varint(body.bytes.count)
    payload.raw(StoredBytes.deflate(body.bytes, level: 1))
    let bytes = StoredBytes.frame(magic: "VMSR", extractor: extractor, payload: payload.bytes)
    try? StoredBytes.writeAtomically(bytes, to: releaseURL(commit: commit, packageRoot: packageRoot))
  }

  func releaseURL(commit: ObjectID, packageRoot: String) -> URL {
    root.appendingPathComponent("releases/\(commit.hex)-\(StoredBytes.fingerprint(packageRoot)).pack")
  }
}
