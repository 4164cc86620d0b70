/// Reads the members of a tar archive (ustar, pax extended headers, GNU long names).
struct TarReader {
  struct Failure: Error {
    var reason: String
  }

  private let bytes: [UInt8]

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Every member, in archive order.
  func members() throws(Failure) -> [SourceMember] {
    var members = [SourceMember]()
    var offset = 0
    var longName: String?
    var longLink: String?
    var pax: [String: String] = [:]
    while offset + 512 <= bytes.count {
      let header = bytes[offset..<offset + 512]
      if header.allSatisfy({ $0 == 0 }) { return members }
      let start = header.startIndex
      try verifyChecksum(header, at: offset)
      let size = try number(header[start + 124..<start + 136], field: "size", at: offset)
      let type = header[start + 156]
      let dataStart = offset + 512
      let paxSize = pax["size"].flatMap { Int($0) }
      let dataSize = paxSize ?? size
      guard dataSize >= 0, dataSize <= bytes.count - dataStart else {
        throw Failure(reason: "truncated tar member at byte \(offset)")
      }
      let data = bytes[dataStart..<dataStart + dataSize]
      offset = dataStart + (dataSize + 511) / 512 * 512

      switch type {
      case UInt8(ascii: "x"):
        pax = try paxRecords(data, at: dataStart)
        continue
      case UInt8(ascii: "g"):
        continue
      case UInt8(ascii: "L"):
        longName = string(data)
        continue
      case UInt8(ascii: "K"):
        longLink = string(data)
        continue
      default:
        break
      }

      var name = string(header[start..<start + 100])
      let isUstar = Array(header[start + 257..<start + 263]) == Array("ustar\0".utf8)
      let prefix = string(header[start + 345..<start + 500])
      if isUstar, !prefix.isEmpty { name = prefix + "/" + name }
      let path = pax["path"] ?? longName ?? name
      let link = pax["linkpath"] ?? longLink ?? string(header[start + 157..<start + 257])
      let mode = (try? number(header[start + 100..<start + 108], field: "mode", at: offset)) ?? 0o644
      (longName, longLink, pax) = (nil, nil, [:])

      switch type {
      case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
        members.append(SourceMember(path: path, content: .file(Array(data), executable: mode & 0o111 != 0)))
      case UInt8(ascii: "5"):
        members.append(SourceMember(path: path, content: .directory))
      case UInt8(ascii: "2"):
        members.append(SourceMember(path: path, content: .symlink(target: link)))
      case UInt8(ascii: "1"):
        members.append(SourceMember(path: path, content: .hardLink(target: link)))
      default:
        throw Failure(reason: "member '\(path)' has unsupported type '\(Character(Unicode.Scalar(type)))'")
      }
    }
    // Archives end with zero blocks; running out of bytes first means the file was cut.
    throw Failure(reason: "truncated tar archive (no end-of-archive marker)")
  }

  private func verifyChecksum(_ header: ArraySlice<UInt8>, at offset: Int) throws(Failure) {
    let start = header.startIndex
    let stored = try number(header[start + 148..<start + 156], field: "checksum", at: offset)
    var sum = 0
    for (i, byte) in header.enumerated() { sum += (148..<156).contains(i) ? 32 : Int(byte) }
    guard sum == stored else { throw Failure(reason: "bad tar header checksum at byte \(offset)") }
  }

  /// An octal field, or a base-256 one (high bit set) as GNU tar writes large sizes.
  private func number(_ field: ArraySlice<UInt8>, field name: String, at offset: Int) throws(Failure) -> Int {
    if let first = field.first, first & 0x80 != 0 {
      var value = Int(first & 0x7f)
      for byte in field.dropFirst() {
        guard value < Int.max >> 8 else { throw Failure(reason: "tar \(name) field too large at byte \(offset)") }
        value = value << 8 | Int(byte)
      }
      return value
    }
    var value = 0
    var seenDigit = false
    for byte in field {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "7"):
        guard value < Int.max >> 3 else { throw Failure(reason: "tar \(name) field too large at byte \(offset)") }
        value = value << 3 | Int(byte - UInt8(ascii: "0"))
        seenDigit = true
      case UInt8(ascii: " ") where !seenDigit:
        continue
      case 0, UInt8(ascii: " "):
        return value
      default:
        throw Failure(reason: "bad tar \(name) field at byte \(offset)")
      }
    }
    return value
  }

  /// Parses `"<length> <key>=<value>\n"` records.
  private func paxRecords(_ data: ArraySlice<UInt8>, at offset: Int) throws(Failure) -> [String: String] {
    var records: [String: String] = [:]
    var i = data.startIndex
    while i < data.endIndex {
      guard let space = data[i...].firstIndex(of: UInt8(ascii: " ")),
        let length = Int(String(decoding: data[i..<space], as: UTF8.self)), length >= space - i + 2, length <= data.endIndex - i,
        data[i + length - 1] == UInt8(ascii: "\n")
      else { throw Failure(reason: "bad pax header at byte \(offset)") }
      let record = data[(space + 1)..<(i + length - 1)]
      if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
        records[String(decoding: record[..<equals], as: UTF8.self)] =
          String(decoding: record[(equals + 1)...], as: UTF8.self)
      }
      i += length
    }
    return records
  }

  private func string(_ field: ArraySlice<UInt8>) -> String {
    String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
  }
}
