/// An error raised by a runtime op: bad shapes, dtypes or arguments, or an unknown op.
///
/// Errors name the op (by its MindSpore name where it has one) and the offending argument,
/// so a caller can prefix its own file:line.
public struct MSError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The category of a failure.
  public enum Kind: String, Sendable {
    /// `MS.call` was given a name that is not registered.
    case unknownOp
    /// An op was given a keyword argument it does not take.
    case unknownArgument
    /// A required argument is absent.
    case missingArgument
    /// An argument has the wrong type or an out-of-range value.
    case invalidArgument
    /// Tensor shapes do not fit together.
    case shapeMismatch
    /// A tensor has a dtype the op does not accept.
    case unsupportedDType
  }

  /// The category of the failure.
  public let kind: Kind
  /// The op that failed, e.g. `rms_norm` or `reshape`.
  public let op: String
  /// A one-line explanation.
  public let message: String

  /// Creates an error.
  /// - Parameters:
  ///   - kind: The category.
  ///   - op: The op that failed.
  ///   - message: A one-line explanation.
  public init(_ kind: Kind, op: String, _ message: String) {
    self.kind = kind
    self.op = op
    self.message = message
  }

  public var description: String { "\(op): \(message)" }

  static func shape(_ op: String, _ message: String) -> MSError { MSError(.shapeMismatch, op: op, message) }
  static func argument(_ op: String, _ message: String) -> MSError { MSError(.invalidArgument, op: op, message) }
  static func dtype(_ op: String, _ message: String) -> MSError { MSError(.unsupportedDType, op: op, message) }
}
