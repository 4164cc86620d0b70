import APIModel

/// Why the model catalogue could not be read or used; every case names where.
public enum CatalogError: Error, Equatable, CustomStringConvertible {
  case unreadable(String, path: String)
  case syntax(String, at: SourceLocation)
  case unsupportedSchema(String, at: SourceLocation)
  case unknownKey(String, in: String, at: SourceLocation)
  case missingKey(String, in: String, at: SourceLocation)
  case invalidValue(key: String, reason: String, at: SourceLocation)
  /// A consistency rule (see `ConsistencyRule`) does not hold.
  case inconsistent(rule: String, reason: String, at: SourceLocation)
  case unknownArchitecture(String, at: SourceLocation)
  case unknownFeature(String, at: SourceLocation)

  /// Where the problem is.
  public var location: SourceLocation {
    switch self {
    case .unreadable(_, let path): SourceLocation(file: path, line: 1)
    case .syntax(_, let at), .unsupportedSchema(_, let at), .unknownKey(_, _, let at), .missingKey(_, _, let at),
      .invalidValue(_, _, let at), .inconsistent(_, _, let at), .unknownArchitecture(_, let at),
      .unknownFeature(_, let at):
      at
    }
  }

  public var description: String {
    switch self {
    case .unreadable(let why, let path): "\(path):1:1: error: cannot read the model catalogue: \(why)"
    case .syntax(let why, let at): "\(at): error: malformed YAML: \(why)"
    case .unsupportedSchema(let schema, let at):
      "\(at): error: unsupported schema '\(schema)' (expected '\(ModelCatalog.schema)')"
    case .unknownKey(let key, let context, let at): "\(at): error: unknown key '\(key)' in \(context)"
    case .missingKey(let key, let context, let at): "\(at): error: missing key '\(key)' in \(context)"
    case .invalidValue(let key, let why, let at): "\(at): error: '\(key)': \(why)"
    case .inconsistent(let rule, let why, let at): "\(at): error: [\(rule)] \(why)"
    case .unknownArchitecture(let name, let at): "\(at): error: unknown architecture '\(name)'"
    case .unknownFeature(let name, let at): "\(at): error: unknown feature '\(name)'"
    }
  }
}
