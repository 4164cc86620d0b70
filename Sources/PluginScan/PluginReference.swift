import APIModel

/// How plugin code depends on an upstream symbol.
public enum ReferenceKind: String, Sendable, Codable, CaseIterable {
  /// A plugin object assigned over an upstream attribute (`vllm.x.A.f = f`, `setattr`, a patch helper).
  case replace
  /// A replacement built from the original (`A.f = wrap(A.f)`).
  case wrap
  /// A whole upstream module replaced (`sys.modules["vllm.x"] = m`, `update_modules("vllm.x", m)`).
  case module
  /// A plugin class deriving from an upstream class.
  case subclass
  /// An upstream name imported by plugin code.
  case `import`
  /// A call from plugin code into an upstream function or constructor.
  case call
}

/// One comparison of the upstream version that gates plugin code, e.g. `== 0.9.1`.
public struct VersionConstraint: Hashable, Sendable, Codable, CustomStringConvertible {
  /// One of `==`, `!=`, `<`, `<=`, `>`, `>=`.
  public var op: String
  /// The version compared with, as written (`0.9.1`).
  public var version: String

  public init(op: String, version: String) {
    self.op = op
    self.version = version
  }

  public var description: String { "\(op) \(version)" }
}

/// The arguments of a call, as far as binding to a signature needs them.
public struct CallArguments: Hashable, Sendable, Codable {
  /// The number of plain positional arguments.
  public var positional: Int
  /// Keyword argument names, in order.
  public var keywords: [String]
  /// A `*args` unpacking is present: the positional count is a lower bound.
  public var hasStarArgs: Bool
  /// A `**kwargs` unpacking is present: any keyword may be bound.
  public var hasStarStarKwargs: Bool

  public init(positional: Int, keywords: [String], hasStarArgs: Bool = false, hasStarStarKwargs: Bool = false) {
    self.positional = positional
    self.keywords = keywords
    self.hasStarArgs = hasStarArgs
    self.hasStarStarKwargs = hasStarStarKwargs
  }
}

/// One dependency of the plugin on upstream, found statically in the plugin's source.
public struct PluginReference: Hashable, Sendable, Codable {
  public var kind: ReferenceKind
  /// The dotted upstream path as the plugin spelled it, with the plugin's own import aliases
  /// expanded: `vllm.config.CacheConfig`, `vllm.v1.worker.gpu_model_runner.GPUModelRunner._prepare_inputs`.
  public var target: String
  /// The dotted plugin path of the replacement, subclass, importer or caller, when known:
  /// `vllm_mindspore.config._CacheConfig`.
  public var pluginSymbol: String?
  /// Where in the plugin (file relative to the plugin root, 1-based line).
  public var location: SourceLocation
  /// The spelling that was recognised: `assign`, `setattr`, `sys.modules`, `helper:update_modules`,
  /// `decorator:patch`, `staticmethod`, `classmethod`, `import`, `from-import`, `from-import-star`,
  /// `import_module`, `base`, `call`, `super`, `decorator`.
  public var via: String
  /// Calls: the arguments passed.
  public var arguments: CallArguments?
  /// Subclasses: the methods the plugin class defines (overrides or additions).
  public var overrides: [String]?
  /// Version gates the code is under (all must hold); nil when ungated.
  public var lane: [VersionConstraint]?
  /// Under `if TYPE_CHECKING:`: absent at run time.
  public var isTypeCheckingOnly: Bool?

  public init(
    kind: ReferenceKind, target: String, pluginSymbol: String? = nil, location: SourceLocation, via: String,
    arguments: CallArguments? = nil, overrides: [String]? = nil, lane: [VersionConstraint]? = nil,
    isTypeCheckingOnly: Bool? = nil
  ) {
    self.kind = kind
    self.target = target
    self.pluginSymbol = pluginSymbol
    self.location = location
    self.via = via
    self.arguments = arguments
    self.overrides = overrides
    self.lane = lane
    self.isTypeCheckingOnly = isTypeCheckingOnly
  }
}

/// Everything a scan of a plugin tree found.
public struct PluginScanResult: Hashable, Sendable, Codable {
  /// The plugin's top-level package, `vllm_mindspore`.
  public var package: String
  /// References in a stable order: by file, line, column, kind, target.
  public var references: [PluginReference]
  /// Files that could not be read or parsed, reported and skipped.
  public var diagnostics: [Diagnostic]

  public init(package: String, references: [PluginReference], diagnostics: [Diagnostic]) {
    self.package = package
    self.references = references
    self.diagnostics = diagnostics
  }
}
