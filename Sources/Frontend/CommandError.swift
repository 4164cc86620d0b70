/// An error that stops a command: printed as one line, exit status 2.
///
/// Library errors already name their file and line; this wraps them with nothing lost.
public struct CommandError: Error, CustomStringConvertible {
  public let description: String

  public init(_ message: String) { description = message }

  /// Wraps any error, keeping its own one-line description.
  public init(_ error: any Error) {
    if let error = error as? CommandError {
      self = error
    } else {
      description = String(describing: error)
    }
  }
}

/// Runs `body`, turning whatever it throws into a ``CommandError``.
func wrapping<T>(_ body: () throws -> T) throws(CommandError) -> T {
  do {
    return try body()
  } catch {
    throw CommandError(error)
  }
}
