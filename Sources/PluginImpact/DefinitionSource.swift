import APIModel
import GitReleases

/// The source text of upstream definitions, read from the repository without a checkout.
public struct DefinitionSource: Sendable {
  /// The upstream repository.
  public let repository: GitRepository

  /// Reads definitions from `repository`.
  public init(repository: GitRepository) {
    self.repository = repository
  }

  /// The lines of a definition at a ref: its decorators, header and indented body.
  /// - Returns: The lines and the 1-based line of the first; nil when the file is absent.
  /// - Throws: `GitError` when the ref or an object cannot be read.
  public func definition(of symbol: Symbol, at ref: String) throws(GitError) -> (lines: [String], start: Int)? {
    let commit = try repository.resolve(ref)
    let directory = symbol.file.split(separator: "/").dropLast().joined(separator: "/")
    guard let file = try repository.files(at: commit, under: directory).first(where: { $0.path == symbol.file }) else {
      return nil
    }
    let text = String(decoding: try repository.blob(file.blob), as: UTF8.self)
    return Self.slice(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), line: symbol.line)
  }

  /// The definition starting at a 1-based `def`/`class` line: decorators above it, the header
  /// up to its closing colon, then every line indented deeper (blank lines inside kept).
  static func slice(_ lines: [String], line: Int) -> (lines: [String], start: Int)? {
    guard line >= 1, line <= lines.count else { return nil }
    func indent(_ text: String) -> Int { text.prefix { $0 == " " || $0 == "\t" }.count }
    func isBlank(_ text: String) -> Bool { text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
    let header = line - 1
    let level = indent(lines[header])
    var first = header
    while first > 0, indent(lines[first - 1]) == level, lines[first - 1].drop { $0 == " " || $0 == "\t" }.hasPrefix("@") {
      first -= 1
    }
    // The header may span lines inside brackets.
    var depth = 0
    var end = header
    while end < lines.count {
      for character in lines[end] {
        if "([{".contains(character) { depth += 1 } else if ")]}".contains(character) { depth -= 1 }
      }
      if depth <= 0 { break }
      end += 1
    }
    end += 1
    while end < lines.count, isBlank(lines[end]) || indent(lines[end]) > level { end += 1 }
    while end > header + 1, isBlank(lines[end - 1]) { end -= 1 }
    return (Array(lines[first..<min(end, lines.count)]), first + 1)
  }
}
