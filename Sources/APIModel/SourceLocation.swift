/// A 1-based position in a named file.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}

/// A recoverable problem found while reading input (bad Python, an unresolvable alias).
/// Diagnostics are collected, never thrown.
public struct Diagnostic: Hashable, Sendable, Codable, CustomStringConvertible {
  public enum Severity: String, Sendable, Codable { case error, warning, note }

  public var location: SourceLocation
  public var severity: Severity
  public var message: String

  public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
    self.location = location
    self.severity = severity
    self.message = message
  }

  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}
