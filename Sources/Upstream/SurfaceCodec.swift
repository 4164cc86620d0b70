import APIModel

/// A compact binary encoding of `ModuleSurface`: a table of the surface's distinct strings,
/// then its fields as varints referring to the table. Enumerations are stored by raw value,
/// so adding a case to the model does not change existing bytes.
enum SurfaceCodec {
  /// Bumped whenever the encoding changes; stored data of another version is not read.
  static let version = 1

  static func encode(_ surface: ModuleSurface) -> [UInt8] {
    var encoder = Encoder()
    encoder.encode(surface)
    var out = ByteWriter()
    out.varint(encoder.table.count)
    for s in encoder.table { out.string(s) }
    out.raw(encoder.body.bytes)
    return out.bytes
  }

  static func decode(_ reader: inout ByteReader) throws(ByteReader.Failure) -> ModuleSurface {
    let count = try reader.count(below: reader.end - reader.offset + 1)
    var table = [String]()
    table.reserveCapacity(count)
    for _ in 0..<count { table.append(try reader.string()) }
    var decoder = Decoder(reader: reader, table: table)
    let surface = try decoder.decode()
    reader = decoder.reader
    return surface
  }

  private struct Encoder {
    var table: [String] = []
    var indices: [String: Int] = [:]
    var body = ByteWriter()

    mutating func index(_ s: String) -> Int {
      if let i = indices[s] { return i }
      indices[s] = table.count
      table.append(s)
      return table.count - 1
    }

    mutating func string(_ s: String) { body.varint(index(s)) }

    mutating func optional(_ s: String?) { body.varint(s.map { index($0) + 1 } ?? 0) }

    mutating func list(_ list: [String]?) {
      guard let list else { return body.varint(0) }
      body.varint(list.count + 1)
      for s in list { string(s) }
    }

    mutating func encode(_ surface: ModuleSurface) {
      string(surface.module)
      string(surface.file)
      list(surface.exports)
      list(surface.starImports)
      body.varint(surface.diagnostics.count)
      for d in surface.diagnostics {
        string(d.location.file)
        body.varint(d.location.line)
        body.varint(d.location.column)
        string(d.severity.rawValue)
        string(d.message)
      }
      body.varint(surface.symbols.count)
      for symbol in surface.symbols { encode(symbol, moduleFile: surface.file) }
    }

    mutating func encode(_ s: Symbol, moduleFile: String) {
      var flags = 0
      for (bit, present) in [
        s.params != nil, s.returns != nil, s.bases != nil, s.decorators != nil, s.target != nil,
        s.bodyHash != nil, s.value != nil, s.annotation != nil, s.isAsync != nil, s.isAsync == true,
        s.conditions != nil, s.file != moduleFile,
      ].enumerated() where present {
        flags |= 1 << bit
      }
      body.varint(flags)
      string(s.path)
      string(s.kind.rawValue)
      if s.file != moduleFile { string(s.file) }
      body.varint(s.line)
      if let params = s.params {
        body.varint(params.count)
        for p in params {
          string(p.name)
          string(p.kind.rawValue)
          optional(p.default)
          optional(p.annotation)
        }
      }
      if let returns = s.returns { string(returns) }
      if let bases = s.bases { list(bases) }
      if let decorators = s.decorators { list(decorators) }
      if let target = s.target { string(target) }
      if let bodyHash = s.bodyHash { string(bodyHash) }
      if let value = s.value { string(value) }
      if let annotation = s.annotation { string(annotation) }
      if let conditions = s.conditions { list(conditions.map(\.rawValue)) }
    }
  }

  private struct Decoder {
    var reader: ByteReader
    let table: [String]

    mutating func string() throws(ByteReader.Failure) -> String { table[try reader.count(below: table.count)] }

    mutating func optional() throws(ByteReader.Failure) -> String? {
      let i = try reader.count(below: table.count + 1)
      return i == 0 ? nil : table[i - 1]
    }

    mutating func list() throws(ByteReader.Failure) -> [String]? {
      let n = try reader.count(below: reader.end - reader.offset + 2)
      guard n > 0 else { return nil }
      var out = [String]()
      out.reserveCapacity(n - 1)
      for _ in 1..<n { out.append(try string()) }
      return out
    }

    mutating func value<T: RawRepresentable<String>>(_ type: T.Type) throws(ByteReader.Failure) -> T {
      let raw = try string()
      guard let value = T(rawValue: raw) else { throw ByteReader.Failure(reason: "unknown \(T.self) '\(raw)'") }
      return value
    }

    mutating func decode() throws(ByteReader.Failure) -> ModuleSurface {
      let module = try string()
      let file = try string()
      let exports = try list()
      let starImports = try list()
      var diagnostics = [Diagnostic]()
      for _ in 0..<(try reader.count(below: reader.end - reader.offset + 1)) {
        let location = SourceLocation(file: try string(), line: try reader.varint(), column: try reader.varint())
        let severity = try value(Diagnostic.Severity.self)
        diagnostics.append(Diagnostic(severity, try string(), at: location))
      }
      let symbolCount = try reader.count(below: reader.end - reader.offset + 1)
      var symbols = [Symbol]()
      symbols.reserveCapacity(symbolCount)
      for _ in 0..<symbolCount { symbols.append(try decodeSymbol(moduleFile: file)) }
      return ModuleSurface(
        module: module, file: file, symbols: symbols, exports: exports, starImports: starImports,
        diagnostics: diagnostics)
    }

    mutating func decodeSymbol(moduleFile: String) throws(ByteReader.Failure) -> Symbol {
      let flags = try reader.varint()
      func has(_ bit: Int) -> Bool { flags & (1 << bit) != 0 }
      var s = Symbol(path: try string(), kind: try value(SymbolKind.self), file: moduleFile, line: 0)
      if has(11) { s.file = try string() }
      s.line = try reader.varint()
      if has(0) {
        let n = try reader.count(below: reader.end - reader.offset + 1)
        var params = [Parameter]()
        params.reserveCapacity(n)
        for _ in 0..<n {
          params.append(
            Parameter(
              name: try string(), kind: try value(ParameterKind.self), default: try optional(), annotation: try optional()))
        }
        s.params = params
      }
      if has(1) { s.returns = try string() }
      if has(2) { s.bases = try list() ?? [] }
      if has(3) { s.decorators = try list() ?? [] }
      if has(4) { s.target = try string() }
      if has(5) { s.bodyHash = try string() }
      if has(6) { s.value = try string() }
      if has(7) { s.annotation = try string() }
      if has(8) { s.isAsync = has(9) }
      if has(10) {
        var conditions = [SymbolCondition]()
        for raw in try list() ?? [] {
          guard let c = SymbolCondition(rawValue: raw) else { throw ByteReader.Failure(reason: "unknown condition '\(raw)'") }
          conditions.append(c)
        }
        s.conditions = conditions
      }
      return s
    }
  }
}
