import CZ

/// Inflates gzip data (every member of a multi-member file) with zlib.
/// - Returns: the uncompressed bytes, or a reason when the data is not complete, valid gzip.
func gunzip(_ input: [UInt8]) -> Result<[UInt8], GzipFailure> {
  var output = [UInt8]()
  output.reserveCapacity(input.count * 4)
  var stream = z_stream()
  // 15 window bits + 16: gzip framing only.
  guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
    return .failure(GzipFailure(reason: "zlib could not start"))
  }
  defer { inflateEnd(&stream) }
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  return input.withUnsafeBufferPointer { inBuffer -> Result<[UInt8], GzipFailure> in
    guard let base = inBuffer.baseAddress, !inBuffer.isEmpty else { return .failure(GzipFailure(reason: "empty file")) }
    guard inBuffer.count < Int(UInt32.max) else { return .failure(GzipFailure(reason: "larger than 4 GiB")) }
    stream.next_in = UnsafeMutablePointer(mutating: base)
    stream.avail_in = UInt32(inBuffer.count)
    while true {
      let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
        stream.next_out = out.baseAddress
        stream.avail_out = UInt32(out.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
        return status
      }
      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        // Another gzip member may follow.
        guard stream.avail_in > 0 else { return .success(output) }
        inflateReset(&stream)
      case Z_BUF_ERROR where stream.avail_in == 0:
        return .failure(GzipFailure(reason: "truncated gzip data"))
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        return .failure(GzipFailure(reason: "bad gzip data: \(message)"))
      }
    }
  }
}

struct GzipFailure: Error {
  var reason: String
}
