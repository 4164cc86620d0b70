import APIModel

/// One entry of a model registry dict: `"LlamaForCausalLM": ("llama", "LlamaForCausalLM")`.
public struct RegistryEntry: Hashable, Sendable, Codable {
  /// The architecture name a checkpoint's `config.json` lists.
  public var architecture: String
  /// The module under the models package, `llama`.
  public var module: String
  /// The class in that module.
  public var className: String
  /// Where the entry is written.
  public var location: SourceLocation

  public init(architecture: String, module: String, className: String, location: SourceLocation) {
    self.architecture = architecture
    self.module = module
    self.className = className
    self.location = location
  }
}

/// Reads the constant dict literals of a registry module (`_TEXT_GENERATION_MODELS`,
/// `_NATIVE_MODELS`, …) into architecture → (module, class) entries.
public enum RegistryTable {
  /// The entries of every module-level dict whose values are `(module, class)` string pairs,
  /// in source order; the first entry of an architecture wins.
  /// - Parameters:
  ///   - surface: The registry module's surface (attribute values are its dict literals).
  ///   - source: The module's text, to give each entry its own line; nil uses the dict's line.
  public static func entries(of surface: ModuleSurface, source: String?) -> [RegistryEntry] {
    let lines = source.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
    var seen: Set<String> = []
    var result: [RegistryEntry] = []
    for symbol in surface.symbols
    where symbol.kind == .attribute && symbol.parentPath == surface.module && symbol.conditions == nil {
      guard let value = symbol.value, value.hasPrefix("{") else { continue }
      var searchFrom = max(symbol.line - 1, 0)
      for (architecture, module, className) in pairs(inDictLiteral: value) where seen.insert(architecture).inserted {
        var line = symbol.line
        if let index = lines[min(searchFrom, lines.count)...].firstIndex(where: { $0.contains("\"\(architecture)\"") }) {
          line = index + 1
          searchFrom = index
        }
        result.append(RegistryEntry(
          architecture: architecture, module: module, className: className,
          location: SourceLocation(file: surface.file, line: line)))
      }
    }
    return result
  }

  /// The `"key": ("a", "b")` entries of a normalised dict literal; other entries are skipped.
  static func pairs(inDictLiteral text: String) -> [(String, String, String)] {
    var scanner = LiteralScanner(Array(text.utf8))
    var result: [(String, String, String)] = []
    guard scanner.take(UInt8(ascii: "{")) else { return [] }
    while !scanner.atEnd {
      guard let key = scanner.string(), scanner.take(UInt8(ascii: ":")), scanner.take(UInt8(ascii: "(")),
        let module = scanner.string(), scanner.take(UInt8(ascii: ",")), let className = scanner.string(),
        scanner.take(UInt8(ascii: ")")) || (scanner.take(UInt8(ascii: ",")) && scanner.take(UInt8(ascii: ")")))
      else {
        scanner.skipEntry()
        continue
      }
      result.append((key, module, className))
      scanner.skipEntry()
    }
    return result
  }
}

/// A cursor over a normalised literal: strings, single bytes, and skipping to the next entry.
struct LiteralScanner {
  let bytes: [UInt8]
  var index = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var atEnd: Bool { index >= bytes.count }

  mutating func skipSpaces() {
    while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") { index += 1 }
  }

  mutating func take(_ byte: UInt8) -> Bool {
    skipSpaces()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  /// A single- or double-quoted string without escapes.
  mutating func string() -> String? {
    skipSpaces()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return nil }
    let quote = bytes[index]
    let start = index + 1
    var end = start
    while end < bytes.count, bytes[end] != quote {
      if bytes[end] == UInt8(ascii: "\\") { return nil }
      end += 1
    }
    guard end < bytes.count else { return nil }
    index = end + 1
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// Moves past the next top-level `,` (or to the end), stepping over nested brackets and strings.
  mutating func skipEntry() {
    var depth = 0
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        let quote = byte
        index += 1
        while index < bytes.count, bytes[index] != quote {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        if depth == 0 {
          index = bytes.count
          return
        }
        depth -= 1
      case UInt8(ascii: ","):
        if depth == 0 {
          index += 1
          skipSpaces()
          if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index = bytes.count }
          return
        }
      default: break
      }
      index += 1
    }
  }
}
