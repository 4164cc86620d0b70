import GitReleases

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
