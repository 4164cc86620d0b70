import APIModel
import YAMLDocument
import Yams

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
struct YAMLReader {
  let file: String

  func location(_ node: Node) -> SourceLocation { YAMLDocument.location(of: node, in: file) }

  func compose(_ text: String) throws(ManifestError) -> Node {
    do throws(YAMLDocument.SyntaxError) {
      return try YAMLDocument.compose(text, file: file)
    } catch {
      throw .syntax(error.problem, at: error.location)
    }
  }

  /// The entries of a mapping, in order, after checking every key is in `allowed`.
  func mapping(_ node: Node, _ context: String, allowed: [String]) throws(ManifestError) -> [(key: String, node: Node, value: Node)] {
    guard case .mapping(let mapping) = node else {
      throw .invalidValue(key: context, reason: "expected a mapping", at: location(node))
    }
    var entries: [(key: String, node: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        throw .invalidValue(key: context, reason: "keys must be plain strings", at: location(keyNode))
      }
      guard allowed.isEmpty || allowed.contains(key.string) else {
        throw .unknownKey(key.string, in: context, at: location(keyNode))
      }
      entries.append((key.string, keyNode, value))
    }
    return entries
  }

  func sequence(_ node: Node, _ key: String) throws(ManifestError) -> [Node] {
    guard case .sequence(let sequence) = node else {
      throw .invalidValue(key: key, reason: "expected a list", at: location(node))
    }
    return Array(sequence)
  }

  func string(_ node: Node, _ key: String) throws(ManifestError) -> String {
    guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.str.rawValue else {
      throw .invalidValue(key: key, reason: "expected a string", at: location(node))
    }
    return scalar.string
  }

  func int(_ node: Node, _ key: String) throws(ManifestError) -> Int {
    guard node.tag.rawValue == Tag.Name.int.rawValue, let value = node.int else {
      throw .invalidValue(key: key, reason: "expected an integer", at: location(node))
    }
    return value
  }

  func number(_ node: Node, _ key: String) throws(ManifestError) -> Double {
    guard node.tag.rawValue == Tag.Name.int.rawValue || node.tag.rawValue == Tag.Name.float.rawValue, let value = node.float, value >= 0, value.isFinite else {
      throw .invalidValue(key: key, reason: "expected a non-negative number", at: location(node))
    }
    return value
  }

  func ints(_ node: Node, _ key: String) throws(ManifestError) -> [Int] {
    var values: [Int] = []
    for item in try sequence(node, key) { values.append(try int(item, key)) }
    return values
  }
}
