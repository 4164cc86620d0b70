import APIModel

/// Why the gate cannot run: bad configuration or input. The command line exits with status 2.
public enum GateError: Error, CustomStringConvertible, Equatable {
  /// A configuration, allowlist or baseline file is wrong at a position.
  case invalid(String, at: SourceLocation)
  /// A command-line value is wrong.
  case argument(String)
  /// A check failed to run (unreadable plugin, unknown release), with the cause's own text.
  case check(String, reason: String)

  public var description: String {
    switch self {
    case .invalid(let message, let location): "\(location.file):\(location.line):\(location.column): error: \(message)"
    case .argument(let message): message
    case .check(let check, let reason): "\(check) check: \(reason)"
    }
  }
}
