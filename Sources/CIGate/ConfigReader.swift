import APIModel
import Yams

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
struct ConfigReader {
  let file: String

  func location(_ node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  /// The document's root; an empty file is an error.
  func compose(_ text: String) throws(GateError) -> Node {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw GateError.invalid("empty document", at: SourceLocation(file: file, line: 1))
      }
      return node
    } catch let error as GateError {
      throw error
    } catch let error as YamlError {
      throw .invalid(Self.problem(of: error).message, at: SourceLocation(file: file, line: Self.problem(of: error).line))
    } catch {
      throw .invalid("\(error)", at: SourceLocation(file: file, line: 1))
    }
  }

  private static func problem(of error: YamlError) -> (message: String, line: Int) {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
      (problem, mark.line)
    case .duplicatedKeysInMapping(let duplicates, let context):
      ("duplicated keys \(duplicates.joined(separator: ", "))", context.mark.line)
    default: ("\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML", 1)
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
