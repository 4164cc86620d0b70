import APIModel

/// Why an adapter manifest (`ops.yaml`, `patches.yaml`) could not be loaded; every case with a position in a file
/// carries its `SourceLocation`.
public enum ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No manifest exists for the revision; `at` is the `inherits:` that asked for it, if any.
  case missingRevision(String, path: String, at: SourceLocation?)
  /// The file could not be read.
  case unreadable(path: String, reason: String)
  /// The text is not valid YAML.
  case syntax(String, at: SourceLocation)
  /// The header names a schema other than `vmsync.ops/1`.
  case unsupportedSchema(String, at: SourceLocation)
  /// `revision:` differs from the directory the file is in.
  case revisionMismatch(declared: String, expected: String, at: SourceLocation)
  /// A key the schema does not define.
  case unknownKey(String, in: String, at: SourceLocation)
  /// A required key is absent.
  case missingKey(String, in: String, at: SourceLocation)
  /// A value has the wrong type or is out of range.
  case invalidValue(key: String, reason: String, at: SourceLocation)
  /// A transform outside the closed vocabulary.
  case unknownTransform(String, at: SourceLocation)
  /// An upstream op the vocabulary does not know.
  case unknownUpstreamOp(String, at: SourceLocation)
  /// A MindSpore op the runtime does not provide.
  case unknownMindSporeOp(String, at: SourceLocation)
  /// A keyword argument the MindSpore op does not take.
  case unknownArgument(String, op: String, at: SourceLocation)
  /// A name that is neither an argument of the upstream op nor defined by an earlier step.
  case unknownName(String, op: String, at: SourceLocation)
  /// `inherits:` chains back to a revision already on the chain.
  case inheritsCycle([String], at: SourceLocation)

  /// Where the error is, when it has a position.
  public var location: SourceLocation? {
    switch self {
    case .missingRevision(_, _, let at): at
    case .unreadable: nil
    case .syntax(_, let at), .unsupportedSchema(_, let at), .revisionMismatch(_, _, let at),
      .unknownKey(_, _, let at), .missingKey(_, _, let at), .invalidValue(_, _, let at),
      .unknownTransform(_, let at), .unknownUpstreamOp(_, let at), .unknownMindSporeOp(_, let at),
      .unknownArgument(_, _, let at), .unknownName(_, _, let at), .inheritsCycle(_, let at):
      at
    }
  }

  public var description: String {
    let message: String
    switch self {
    case .missingRevision(let revision, let path, _):
      let kind = path.hasSuffix(PatchesManifestV1.fileName) ? "patch" : "op"
      message = "no \(kind) manifest for revision '\(revision)' (\(path))"
    case .unreadable(let path, let reason): return "\(path): error: cannot read: \(reason)"
    case .syntax(let reason, _): message = "invalid YAML: \(reason)"
    case .unsupportedSchema(let schema, let at):
      let expected = at.file.hasSuffix(PatchesManifestV1.fileName) ? PatchesManifestV1.schema : OpsManifestV1.schema
      message = "unsupported schema '\(schema)' (expected '\(expected)')"
    case .revisionMismatch(let declared, let expected, _):
      message = "revision '\(declared)' does not match its directory '\(expected)'"
    case .unknownKey(let key, let context, _): message = "unknown key '\(key)' in \(context)"
    case .missingKey(let key, let context, _): message = "missing key '\(key)' in \(context)"
    case .invalidValue(let key, let reason, _): message = "'\(key)': \(reason)"
    case .unknownTransform(let name, _):
      message = "unknown transform '\(name)' (known: \(Transform.names.joined(separator: ", ")))"
    case .unknownUpstreamOp(let name, _): message = "unknown upstream op '\(name)'"
    case .unknownMindSporeOp(let name, _): message = "unknown MindSpore op '\(name)'"
    case .unknownArgument(let name, let op, _): message = "op '\(op)' takes no argument '\(name)'"
    case .unknownName(let name, let op, _):
      message = "'\(name)' is not an argument of '\(op)' nor defined by an earlier step"
    case .inheritsCycle(let chain, _): message = "inherits cycle: \(chain.joined(separator: " -> "))"
    }
    guard let location else {
      if case .missingRevision(_, let path, _) = self { return "\(path): error: \(message)" }
      return "error: \(message)"
    }
    return "\(location): error: \(message)"
  }
}
