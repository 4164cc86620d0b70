import CZ
import Foundation

/// One member of a test tar archive.
struct TarMember {
  enum Kind: UInt8 {
    case file = 48  // "0"
    case hardLink = 49  // "1"
    case symlink = 50  // "2"
    case directory = 53  // "5"
  }

  var name: String
  var kind: Kind = .file
  var content: String = ""
  var link: String = ""
  var mode = 0o644
}

/// Writes a ustar archive. Names longer than 100 bytes get a pax `path` record, or with
/// `gnu` a GNU `././@LongLink` member.
func tar(_ members: [TarMember], gnu: Bool = false) -> [UInt8] {
  var out = [UInt8]()
  for member in members {
    if member.name.utf8.count > 100 {
      let record = gnu ? Array(member.name.utf8) + [0] : paxRecord("path", member.name)
      out += header(name: gnu ? "././@LongLink" : "PaxHeader", type: UInt8(ascii: gnu ? "L" : "x"), size: record.count, link: "", mode: 0o644)
      out += padded(record)
    }
    let body = Array(member.content.utf8)
    out += header(name: String(member.name.prefix(100)), type: member.kind.rawValue, size: body.count, link: member.link, mode: member.mode)
    out += padded(body)
  }
  return out + [UInt8](repeating: 0, count: 1024)
}

private func paxRecord(_ key: String, _ value: String) -> [UInt8] {
  let core = " \(key)=\(value)\n"
  var length = core.utf8.count + 1
  while "\(length)\(core)".utf8.count != length { length += 1 }
  return Array("\(length)\(core)".utf8)
}

private func padded(_ bytes: [UInt8]) -> [UInt8] {
  bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
}

private func header(name: String, type: UInt8, size: Int, link: String, mode: Int) -> [UInt8] {
  var h = [UInt8](repeating: 0, count: 512)
  func put(_ s: String, at offset: Int) { for (i, b) in s.utf8.enumerated() { h[offset + i] = b } }
  put(name, at: 0)
  put(String(format: "%07o", mode), at: 100)
  put("0000000", at: 108)
  put("0000000", at: 116)
  put(String(format: "%011o", size), at: 124)
  put("00000000000", at: 136)
  put("        ", at: 148)
  h[156] = type
  put(link, at: 157)
  put("ustar", at: 257)
  put("00", at: 263)
  let sum = h.reduce(0) { $0 + Int($1) }
  put(String(format: "%06o", sum), at: 148)
  h[154] = 0
  return h
}

/// Gzip-compresses bytes with zlib.
func gzip(_ input: [UInt8]) -> [UInt8] {
  var stream = z_stream()
  deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
  defer { deflateEnd(&stream) }
  var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
  var input = input
  input.withUnsafeMutableBufferPointer { inBuffer in
    output.withUnsafeMutableBufferPointer { outBuffer in
      stream.next_in = inBuffer.baseAddress
      stream.avail_in = UInt32(inBuffer.count)
      stream.next_out = outBuffer.baseAddress
      stream.avail_out = UInt32(outBuffer.count)
      deflate(&stream, Z_FINISH)
    }
  }
  return Array(output.prefix(Int(stream.total_out)))
}
