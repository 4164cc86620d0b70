import APIModel

/// Why a scan or a scan configuration could not be used at all. Problems with single plugin
/// files are diagnostics in the `PluginScanResult`, never errors.
public enum ScanError: Error, Equatable, CustomStringConvertible {
  /// The plugin checkout or its package directory does not exist or is not a directory.
  case notADirectory(path: String)
  /// A file or directory could not be read.
  case unreadable(path: String, reason: String)
  /// The configuration is not valid YAML.
  case configurationSyntax(String, at: SourceLocation)
  /// A configuration key holds a value of the wrong shape.
  case invalidValue(key: String, reason: String, at: SourceLocation)
  /// A configuration key that the format does not define.
  case unknownKey(String, in: String, at: SourceLocation)
  /// A required configuration key is absent.
  case missingKey(String, in: String, at: SourceLocation)

  public var description: String {
    switch self {
    case .notADirectory(let path): "\(path): error: not a directory"
    case .unreadable(let path, let reason): "\(path): error: cannot read: \(reason)"
    case .configurationSyntax(let problem, let loc): "\(loc): error: invalid YAML: \(problem)"
    case .invalidValue(let key, let reason, let loc): "\(loc): error: '\(key)': \(reason)"
    case .unknownKey(let key, let context, let loc): "\(loc): error: unknown key '\(key)' in \(context)"
    case .missingKey(let key, let context, let loc): "\(loc): error: missing key '\(key)' in \(context)"
    }
  }
}
