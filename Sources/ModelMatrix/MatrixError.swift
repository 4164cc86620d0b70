import APIModel

/// An error that stops building or rendering a support matrix; every case whose input has a
/// position names its file and line.
public enum MatrixError: Error, Equatable, CustomStringConvertible {
  /// A file could not be read.
  case unreadable(path: String, reason: String)
  /// A derived model-facts, numeric-results or evidence file does not have the expected shape.
  case malformed(reason: String, at: SourceLocation)
  /// A persisted file's schema is not one this version reads.
  case unsupportedSchema(String, expected: String, at: SourceLocation)
  /// A name that is neither a catalogue architecture nor a plugin-registered one.
  case unknownArchitecture(String, at: SourceLocation)
  /// A feature column name that does not exist.
  case unknownFeature(String, at: SourceLocation)
  /// The registry module was not found in the source it should be in.
  case missingRegistry(module: String, in: String)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
    case .malformed(let reason, let loc): "\(loc.file):\(loc.line): error: \(reason)"
    case .unsupportedSchema(let found, let expected, let loc):
      "\(loc.file):\(loc.line): error: schema '\(found)' is not supported (expected '\(expected)')"
    case .unknownArchitecture(let name, let loc): "\(loc.file):\(loc.line): error: unknown architecture '\(name)'"
    case .unknownFeature(let name, let loc):
      "\(loc.file):\(loc.line): error: unknown feature '\(name)' (known: \(MatrixColumn.all.map(\.id).joined(separator: ", ")))"
    case .missingRegistry(let module, let place): "\(place): error: no model registry module '\(module)'"
    }
  }
}
