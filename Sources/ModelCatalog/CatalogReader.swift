import APIModel
import YAMLDocument
import Yams

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
struct CatalogReader {
  let file: String

  func location(_ node: Node) -> SourceLocation { YAMLDocument.location(of: node, in: file) }

  func compose(_ text: String) throws(CatalogError) -> Node {
    do throws(YAMLDocument.SyntaxError) {
      return try YAMLDocument.compose(text, file: file)
    } catch {
      throw .syntax(error.problem, at: error.location)
    }
  }

  /// The entries of a mapping after checking every key is in `allowed` (any key when empty).
  func fields(_ node: Node, _ context: String, allowed: [String]) throws(CatalogError) -> Fields {
    guard case .mapping(let mapping) = node else {
      throw .invalidValue(key: context, reason: "expected a mapping", at: location(node))
    }
    var entries: [(key: String, keyNode: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        throw .invalidValue(key: context, reason: "keys must be plain strings", at: location(keyNode))
      }
      guard allowed.isEmpty || allowed.contains(key.string) else {
        throw .unknownKey(key.string, in: context, at: location(keyNode))
      }
      entries.append((key.string, keyNode, value))
    }
    return Fields(reader: self, context: context, node: node, entries: entries)
  }

  func isNull(_ node: Node) -> Bool { node.tag.rawValue == Tag.Name.null.rawValue }

  func string(_ node: Node, _ key: String) throws(CatalogError) -> String {
    guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.str.rawValue, !scalar.string.isEmpty else {
      throw .invalidValue(key: key, reason: "expected a non-empty string", at: location(node))
    }
    return scalar.string
  }

  func int(_ node: Node, _ key: String, minimum: Int) throws(CatalogError) -> Int {
    guard node.tag.rawValue == Tag.Name.int.rawValue, let value = node.int else {
      throw .invalidValue(key: key, reason: "expected an integer", at: location(node))
    }
    guard value >= minimum else {
      throw .invalidValue(key: key, reason: "expected an integer ≥ \(minimum), got \(value)", at: location(node))
    }
    return value
  }

  func number(_ node: Node, _ key: String) throws(CatalogError) -> Double {
    guard node.tag.rawValue == Tag.Name.int.rawValue || node.tag.rawValue == Tag.Name.float.rawValue,
      let value = node.float, value.isFinite
    else {
      throw .invalidValue(key: key, reason: "expected a finite number", at: location(node))
    }
    return value
  }

  func bool(_ node: Node, _ key: String) throws(CatalogError) -> Bool {
    guard node.tag.rawValue == Tag.Name.bool.rawValue, let value = node.bool else {
      throw .invalidValue(key: key, reason: "expected true or false", at: location(node))
    }
    return value
  }

  func sequence(_ node: Node, _ key: String) throws(CatalogError) -> [Node] {
    guard case .sequence(let sequence) = node else {
      throw .invalidValue(key: key, reason: "expected a list", at: location(node))
    }
    return Array(sequence)
  }
}

/// The entries of one YAML mapping, read by key.
struct Fields {
  let reader: CatalogReader
  let context: String
  let node: Node
  let entries: [(key: String, keyNode: Node, value: Node)]

  var location: SourceLocation { reader.location(node) }

  /// The value under `key`, or `nil` when the key is absent or its value is `null`.
  subscript(key: String) -> Node? {
    guard let value = entries.first(where: { $0.key == key })?.value, !reader.isNull(value) else { return nil }
    return value
  }

  func keyLocation(_ key: String) -> SourceLocation {
    entries.first(where: { $0.key == key }).map { reader.location($0.keyNode) } ?? location
  }

  func required(_ key: String) throws(CatalogError) -> Node {
    guard let value = self[key] else { throw .missingKey(key, in: context, at: location) }
    return value
  }

  func string(_ key: String) throws(CatalogError) -> String { try reader.string(required(key), key) }
  func int(_ key: String, minimum: Int = 1) throws(CatalogError) -> Int {
    try reader.int(required(key), key, minimum: minimum)
  }
  func number(_ key: String) throws(CatalogError) -> Double { try reader.number(required(key), key) }

  func optionalString(_ key: String) throws(CatalogError) -> String? {
    guard let value = self[key] else { return nil }
    return try reader.string(value, key)
  }

  func optionalInt(_ key: String, minimum: Int = 1) throws(CatalogError) -> Int? {
    guard let value = self[key] else { return nil }
    return try reader.int(value, key, minimum: minimum)
  }

  func optionalNumber(_ key: String) throws(CatalogError) -> Double? {
    guard let value = self[key] else { return nil }
    return try reader.number(value, key)
  }

  func bool(_ key: String, default fallback: Bool) throws(CatalogError) -> Bool {
    guard let value = self[key] else { return fallback }
    return try reader.bool(value, key)
  }

  func ints(_ key: String, minimum: Int = 0) throws(CatalogError) -> [Int]? {
    guard let value = self[key] else { return nil }
    var values: [Int] = []
    for item in try reader.sequence(value, key) { values.append(try reader.int(item, key, minimum: minimum)) }
    return values
  }

  func numbers(_ key: String) throws(CatalogError) -> [Double]? {
    guard let value = self[key] else { return nil }
    var values: [Double] = []
    for item in try reader.sequence(value, key) { values.append(try reader.number(item, key)) }
    return values
  }

  func strings(_ key: String) throws(CatalogError) -> [String] {
    var values: [String] = []
    for item in try reader.sequence(required(key), key) { values.append(try reader.string(item, key)) }
    return values
  }

  /// A string value that must be one of an enumeration's raw values.
  func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(CatalogError) -> T
  where T.RawValue == String {
    let node = try required(key)
    let text = try reader.string(node, key)
    guard let value = T(rawValue: text) else {
      let names = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw .invalidValue(key: key, reason: "expected one of \(names), got '\(text)'", at: reader.location(node))
    }
    return value
  }
}
