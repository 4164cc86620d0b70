import CZ
import Foundation

/// Framing, checksums, compression and atomic file writes for upstream data files.
///
/// A frame is: 4-byte magic, format version, extractor version, CRC-32 of the payload,
/// payload length, payload. Anything that does not match exactly is rejected.
enum StoredBytes {
  static func frame(magic: String, extractor: Int, payload: [UInt8]) -> [UInt8] {
    var out = ByteWriter()
    out.raw(magic.utf8)
    out.varint(SurfaceCodec.version)
    out.varint(extractor)
    out.uint32(crc(payload))
    out.varint(payload.count)
    out.raw(payload)
    return out.bytes
  }

  /// The payload of a frame, as a reader positioned at its start.
  static func unframe(_ bytes: [UInt8], magic: String, extractor: Int? = nil) throws(ByteReader.Failure) -> ByteReader {
    var reader = ByteReader(bytes)
    guard Array(try reader.raw(4)) == Array(magic.utf8) else { throw ByteReader.Failure(reason: "not a \(magic) file") }
    let version = try reader.varint()
    guard version == SurfaceCodec.version else {
      throw ByteReader.Failure(reason: "format version \(version), expected \(SurfaceCodec.version)")
    }
    let storedExtractor = try reader.varint()
    if let extractor, storedExtractor != extractor {
      throw ByteReader.Failure(reason: "extractor version \(storedExtractor), expected \(extractor)")
    }
    let checksum = try reader.uint32()
    let length = try reader.varint()
    let payload = try reader.raw(length)
    guard reader.isAtEnd else { throw ByteReader.Failure(reason: "trailing bytes") }
    guard crc(payload) == checksum else { throw ByteReader.Failure(reason: "checksum mismatch") }
    return ByteReader(bytes, from: payload.startIndex, to: payload.endIndex)
  }

  static func crc(_ bytes: some Collection<UInt8>) -> UInt32 {
    Array(bytes).withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
  }

  /// zlib-compresses bytes; the output depends only on the input and the level.
  /// - Parameter level: 1 (fastest) to 9 (smallest).
  static func deflate(_ input: [UInt8], level: Int32 = 9) -> [UInt8] {
    var length = compressBound(UInt(input.count))
    var output = [UInt8](repeating: 0, count: Int(length))
    _ = output.withUnsafeMutableBufferPointer { out in
      input.withUnsafeBufferPointer { compress2(out.baseAddress, &length, $0.baseAddress, UInt($0.count), level) }
    }
    return Array(output.prefix(Int(length)))
  }

  /// Inflates zlib data whose uncompressed size is known.
  static func inflate(_ input: ArraySlice<UInt8>, size: Int) throws(ByteReader.Failure) -> [UInt8] {
    // zlib cannot expand data more than about 1032 times.
    guard size >= 0, size <= input.count * 1032 + 64 else { throw ByteReader.Failure(reason: "bad uncompressed size") }
    var output = [UInt8](repeating: 0, count: size)
    var length = UInt(size)
    let status = output.withUnsafeMutableBufferPointer { out in
      Array(input).withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, UInt($0.count)) }
    }
    guard status == Z_OK, length == UInt(size) else { throw ByteReader.Failure(reason: "bad compressed data") }
    return output
  }

  static func read(_ url: URL) -> [UInt8]? {
    FileManager.default.contents(atPath: url.path).map(Array.init)
  }

  /// Writes through a temporary file and a rename, so readers never see half a file.
  /// Missing parent directories are created.
  static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(UpstreamError) {
    let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    var fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if fd < 0, errno == ENOENT {
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    }
    guard fd >= 0 else { throw UpstreamError(.io(path: url.path, reason: "cannot write: \(String(cString: strerror(errno)))")) }
    var written = 0
    let failure: Int32? = bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return nil }
      while written < buffer.count {
        let n = Foundation.write(fd, base + written, buffer.count - written)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        written += n
      }
      return nil
    }
    close(fd)
    if let failure {
      unlink(temporary.path)
      throw UpstreamError(.io(path: url.path, reason: "cannot write: \(String(cString: strerror(failure)))"))
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary.path)
      throw UpstreamError(.io(path: url.path, reason: "cannot write: \(reason)"))
    }
  }

  /// FNV-1a, 64 bits, in hexadecimal: a short stable name for a string.
  static func fingerprint(_ s: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in s.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
