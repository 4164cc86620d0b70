import APIModel
import Yams

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
struct YAMLReader {
  let file: String

  func location(_ node: Node) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  func compose(_ text: String) throws(ManifestError) -> Node {
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw ManifestError.syntax("empty document", at: SourceLocation(file: file, line: 1))
      }
      return node
    } catch let error as ManifestError {
      throw error
    } catch let error as YamlError {
      throw ManifestError.syntax(Self.problem(of: error), at: SourceLocation(file: file, line: Self.line(of: error)))
    } catch {
      throw ManifestError.syntax("\(error)", at: SourceLocation(file: file, line: 1))
    }
  }

  private static func problem(of error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
    case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
    default: "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
    }
  }

  private static func line(of error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
    case .duplicatedKeysInMapping(_, let context): context.mark.line
    default: 1
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
