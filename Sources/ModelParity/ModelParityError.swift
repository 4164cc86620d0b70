/// Why a model parity run could not start or a model could not run.
public enum ModelParityError: Error, Equatable, Sendable, CustomStringConvertible {
  /// An architecture asked for is not in the catalogue.
  case unknownArchitecture(String, known: [String])
  /// A dtype asked for is not bf16, fp16 or fp32.
  case unknownDType(String)
  /// A mapping returned without an output the model needs.
  case missingOutput(op: String, output: String)

  public var description: String {
    switch self {
    case .unknownArchitecture(let name, let known):
      "unknown architecture '\(name)' (known: \(known.joined(separator: ", ")))"
    case .unknownDType(let name): "unknown dtype '\(name)' (known: bf16, fp16, fp32)"
    case .missingOutput(let op, let output): "the mapping of \(op) produces no '\(output)'"
    }
  }
}
