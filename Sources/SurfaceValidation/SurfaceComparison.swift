import APIExtraction
import APIModel

/// Accumulates field-by-field agreement between extracted and oracle surfaces.
struct SurfaceComparison {
  static let fieldNames = [
    "symbols found", "no extra symbols", "kind", "line", "param names", "param kinds",
    "defaults", "annotations", "returns", "bases", "decorators", "alias targets",
    "attribute values", "exports", "star imports",
  ]
  static let samplesPerField = 8

  var counts: [String: (compared: Int, agreed: Int)] = [:]
  var samples: [String: [String]] = [:]
  var oracleRejected: [String] = []
  var filesCompared = 0

  mutating func record(_ field: String, _ agreed: Bool, _ sample: @autoclosure () -> String) {
    var count = counts[field] ?? (0, 0)
    count.compared += 1
    if agreed {
      count.agreed += 1
    } else if samples[field, default: []].count < SurfaceComparison.samplesPerField {
      samples[field, default: []].append(sample())
    }
    counts[field] = count
  }

  /// Text fields compare after normalisation and after dropping redundant outer parentheses,
  /// which `ast` leaves out of a node's source segment.
  static func same(_ ours: String?, _ theirs: String?) -> Bool {
    normalize(ours) == normalize(theirs)
  }

  static func same(_ ours: [String]?, _ theirs: [String]?) -> Bool {
    (ours ?? []).map(normalize) == (theirs ?? []).map(normalize)
  }

  static func normalize(_ text: String?) -> String? {
    guard let text else { return nil }
    var normalized = normalizedSourceText(text)
    while normalized.hasPrefix("("), normalized.hasSuffix(")"), enclosesWhole(normalized) {
      normalized = String(normalized.dropFirst().dropLast())
    }
    return normalized
  }

  /// Whether the first `(` of `text` closes at its last character, skipping string contents.
  static func enclosesWhole(_ text: String) -> Bool {
    var depth = 0
    var quote: Character?
    var escaped = false
    for (offset, character) in text.enumerated() {
      if let open = quote {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == open {
          quote = nil
        }
        continue
      }
      switch character {
      case "'", "\"": quote = character
      case "(": depth += 1
      case ")":
        depth -= 1
        if depth == 0 { return offset == text.count - 1 }
      default: break
      }
    }
    return false
  }

  mutating func compare(_ surface: ModuleSurface, with oracle: OracleSurface) {
    filesCompared += 1
    let file = surface.file
    var ours: [String: Symbol] = [:]
    for symbol in surface.symbols where symbol.kind != .module { ours[symbol.path] = symbol }
    var seen = Set<String>()
    for expected in oracle.symbols {
      seen.insert(expected.path)
      let location = "\(file):\(expected.line): \(expected.path)"
      guard let symbol = ours[expected.path] else {
        record("symbols found", false, "\(location): missing (\(expected.kind))")
        continue
      }
      record("symbols found", true, "")
      record("kind", symbol.kind.rawValue == expected.kind,
             "\(location): ours \(symbol.kind.rawValue), ast \(expected.kind)")
      record("line", symbol.line == expected.line, "\(location): ours line \(symbol.line)")
      compareDetails(symbol, expected, location)
    }
    for symbol in surface.symbols where symbol.kind != .module {
      record("no extra symbols", seen.contains(symbol.path),
             "\(file):\(symbol.line): \(symbol.path): not in ast (\(symbol.kind.rawValue))")
    }
    if surface.exports != nil || oracle.exports != nil {
      record("exports", surface.exports == oracle.exports,
             "\(file): ours \(surface.exports.map { "\($0.count) names" } ?? "none"), "
               + "ast \(oracle.exports.map { "\($0.count) names" } ?? "none")")
    }
    if !(surface.starImports ?? []).isEmpty || !oracle.stars.isEmpty {
      record("star imports", (surface.starImports ?? []) == oracle.stars,
             "\(file): ours \(surface.starImports ?? []), ast \(oracle.stars)")
    }
  }

  mutating func compareDetails(_ symbol: Symbol, _ expected: OracleSymbol, _ location: String) {
    typealias C = SurfaceComparison
    if let params = expected.params {
      let mine = symbol.params ?? []
      record("param names", mine.map(\.name) == params.map(\.name),
             "\(location): ours \(mine.map(\.name)), ast \(params.map(\.name))")
      record("param kinds", mine.map(\.kind.rawValue) == params.map(\.kind),
             "\(location): ours \(mine.map(\.kind.rawValue)), ast \(params.map(\.kind))")
      record("defaults", C.same(mine.map { $0.default ?? "" }, params.map { $0.default ?? "" }),
             "\(location): ours \(mine.map { $0.default ?? "-" }), ast \(params.map { $0.default ?? "-" })")
      record("annotations", C.same(mine.map { $0.annotation ?? "" }, params.map { $0.annotation ?? "" }),
             "\(location): ours \(mine.map { $0.annotation ?? "-" }), ast \(params.map { $0.annotation ?? "-" })")
      record("returns", C.same(symbol.returns, expected.returns),
             "\(location): ours \(symbol.returns ?? "-"), ast \(expected.returns ?? "-")")
    }
    if let bases = expected.bases {
      record("bases", C.same(symbol.bases, bases), "\(location): ours \(symbol.bases ?? []), ast \(bases)")
    }
    if let decorators = expected.decorators {
      record("decorators", C.same(symbol.decorators, decorators),
             "\(location): ours \(symbol.decorators ?? []), ast \(decorators)")
    }
    if expected.kind == "alias" {
      record("alias targets", symbol.target == expected.target,
             "\(location): ours \(symbol.target ?? "-"), ast \(expected.target ?? "-")")
    }
    if expected.kind == "attribute" {
      record("attribute values", C.same(symbol.value, expected.value) && C.same(symbol.annotation, expected.annotation),
             "\(location): ours \(symbol.annotation ?? "-") = \(symbol.value?.prefix(80) ?? "-"), "
               + "ast \(expected.annotation ?? "-") = \(expected.value?.prefix(80) ?? "-")")
    }
  }

  func report(fileCount: Int) -> ValidationReport {
    let fields = SurfaceComparison.fieldNames.compactMap { name -> FieldAgreement? in
      guard let count = counts[name] else { return nil }
      return FieldAgreement(field: name, compared: count.compared, agreed: count.agreed,
                            samples: samples[name] ?? [])
    }
    return ValidationReport(files: fileCount, filesCompared: filesCompared,
                            oracleRejected: oracleRejected, fields: fields)
  }
}
