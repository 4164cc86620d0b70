import APIExtraction
import APIModel
import Foundation
import GitReleases

/// A directory of extracted module surfaces, keyed by (blob id, file path, extractor version),
/// plus one pack per (commit, package root) so a whole release loads with one read.
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

  /// The cached surface of a file, or nil on a miss.
  /// - Parameters:
  ///   - blob: the file content's blob id.
  ///   - file: the repository-relative path the surface was extracted for.
  public func surface(blob: ObjectID, file: String) -> ModuleSurface? {
    guard let bytes = StoredBytes.read(entryURL(blob: blob, file: file)),
      var reader = try? StoredBytes.unframe(bytes, magic: "VMSE", extractor: extractor),
      let surface = try? SurfaceCodec.decode(&reader), reader.isAtEnd, surface.file == file
    else { return nil }
    return surface
  }

  /// Stores a file's surface; `surface.file` is its path.
  public func store(_ surface: ModuleSurface, blob: ObjectID) {
    let bytes = StoredBytes.frame(magic: "VMSE", extractor: extractor, payload: SurfaceCodec.encode(surface))
    try? StoredBytes.writeAtomically(bytes, to: entryURL(blob: blob, file: surface.file))
  }

  /// Every file of a release, as stored by `storeRelease`, or nil on a miss.
  func release(commit: ObjectID, packageRoot: String) -> [(blob: ObjectID, surface: ModuleSurface)]? {
    guard let bytes = StoredBytes.read(releaseURL(commit: commit, packageRoot: packageRoot)),
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

  func entryURL(blob: ObjectID, file: String) -> URL {
    let hex = blob.hex
    return root.appendingPathComponent("blobs/\(hex.prefix(2))/\(hex.dropFirst(2))-\(StoredBytes.fingerprint(file))")
  }

  func releaseURL(commit: ObjectID, packageRoot: String) -> URL {
    root.appendingPathComponent("releases/\(commit.hex)-\(StoredBytes.fingerprint(packageRoot)).pack")
  }
}
