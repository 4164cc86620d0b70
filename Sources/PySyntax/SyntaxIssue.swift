/// A problem found while reading source, before the file name is attached.
public struct SyntaxIssue: Hashable, Sendable {
  public var line: Int
  public var column: Int
  public var message: String

  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }
}
