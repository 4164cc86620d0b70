import APIModel
import Yams

/// A YAML file composed into a node tree, with every problem placed in the file: the one
/// place vmsync's YAML inputs (manifests, catalogue, scan and gate configuration, the
/// upstream list) turn Yams's errors into a line and column.
public enum YAMLDocument {
  /// Why a document could not be composed, and where.
  public struct SyntaxError: Error, Sendable {
    /// What is wrong, in one line (`mapping values are not allowed in this context`).
    public let problem: String
    /// Where the problem was found.
    public let location: SourceLocation
  }

  /// The root node of a document; an empty document is an error.
  /// - Parameters:
  ///   - text: The document.
  ///   - file: The file's name, for locations.
  public static func compose(_ text: String, file: String) throws(SyntaxError) -> Node {
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw syntaxError(error, file: file)
    }
    guard let root else { throw SyntaxError(problem: "empty document", location: SourceLocation(file: file, line: 1)) }
    return root
  }

  /// Where a node starts in `file`.
  public static func location(of node: Node, in file: String) -> SourceLocation {
    SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
  }

  private static func syntaxError(_ error: any Error, file: String) -> SyntaxError {
    let (problem, mark): (String, Mark?) =
      switch error as? YamlError {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
        (problem, mark)
      case .duplicatedKeysInMapping(let duplicates, let context):
        ("duplicated keys \(duplicates.joined(separator: ", "))", context.mark)
      default:
        ("\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable YAML", nil)
      }
    return SyntaxError(problem: problem, location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
  }
}
