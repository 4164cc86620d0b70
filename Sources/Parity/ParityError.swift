import AdapterManifests

/// Why a parity run could not start.
public enum ParityError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The revision is not a vLLM release name such as `v0.11.0`.
  case invalidRevision(String)
  /// An op asked for is not one the run knows.
  case unknownOp(String, known: [String])
  /// The revision's manifest (or one it inherits) is invalid or missing.
  case manifest(ManifestError)

  public var description: String {
    switch self {
    case .invalidRevision(let revision): "error: '\(revision)' is not a vLLM release (expected e.g. v0.11.0)"
    case .unknownOp(let op, let known): "error: unknown op '\(op)' (known: \(known.joined(separator: ", ")))"
    case .manifest(let error): error.description
    }
  }
}
