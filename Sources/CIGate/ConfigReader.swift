import APIModel
import YAMLDocument
import Yams

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
struct ConfigReader {
  let file: String

  func location(_ node: Node) -> SourceLocation { YAMLDocument.location(of: node, in: file) }

  /// The document's root; an empty file is an error.
  func compose(_ text: String) throws(GateError) -> Node {
    do throws(YAMLDocument.SyntaxError) {
      return try YAMLDocument.compose(text, file: file)
    } catch {
      throw .invalid(error.problem, at: error.location)
    }
  }

  /// The entries of a mapping, in order, after checking every key is in `allowed`.
  func mapping(_ node: Node, _ context: String, allowed: [String]) throws(GateError) -> [(key: String, node: Node, value: Node)] {
    guard case .mapping(let mapping) = node else { throw .invalid("\(context): expected a mapping", at: location(node)) }
    var entries: [(key: String, node: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode, allowed.contains(key.string) else {
        throw .invalid(
          "\(context): unknown key \(keyNode.string ?? "?") (known: \(allowed.joined(separator: ", ")))",
          at: location(keyNode))
      }
      entries.append((key.string, keyNode, value))
    }
    return entries
  }

  /// A scalar as text (dates and numbers as written).
  func string(_ node: Node, _ key: String) throws(GateError) -> String {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty, node.tag.rawValue != Tag.Name.null.rawValue else {
      throw .invalid("\(key): expected a non-empty value", at: location(node))
    }
    return scalar.string
  }

  /// A list of scalars; a single scalar is a list of one.
  func strings(_ node: Node, _ key: String) throws(GateError) -> [(String, Node)] {
    if case .sequence(let sequence) = node {
      var values: [(String, Node)] = []
      for item in sequence { values.append((try string(item, key), item)) }
      return values
    }
    return [(try string(node, key), node)]
  }
}
