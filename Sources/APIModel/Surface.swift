/// The surface of one module file, as extracted from its source alone.
public struct ModuleSurface: Hashable, Sendable, Codable {
  /// Dotted module name, `vllm.config`.
  public var module: String
  /// Repository-relative file, `vllm/config/__init__.py`.
  public var file: String
  /// The module symbol itself first, then every symbol defined in it, in source order.
  /// Alias targets are absolute (relative imports resolved).
  public var symbols: [Symbol]
  /// The names in a literal `__all__`, or nil when the module has none or it is not literal.
  public var exports: [String]?
  /// Absolute module names of `from M import *` statements, in source order.
  public var starImports: [String]?
  /// Syntax errors and other problems; a file with errors still yields what could be read.
  public var diagnostics: [Diagnostic]

  public init(module: String, file: String, symbols: [Symbol], exports: [String]? = nil,
              starImports: [String]? = nil, diagnostics: [Diagnostic] = []) {
    self.module = module
    self.file = file
    self.symbols = symbols
    self.exports = exports
    self.starImports = starImports
    self.diagnostics = diagnostics
  }
}

/// The API surface of one release: every module of the tracked package.
public struct Snapshot: Hashable, Sendable, Codable {
  /// Version of this persisted format.
  public static let schema = "vmsync.snapshot/1"

  public var schema: String
  /// The release (tag) the snapshot was taken of, `v0.11.0`.
  public var release: String
  /// The commit id, when taken from a repository.
  public var commit: String?
  /// Every module's surface, sorted by module name.
  public var modules: [ModuleSurface]

  public init(release: String, commit: String? = nil, modules: [ModuleSurface]) {
    self.schema = Snapshot.schema
    self.release = release
    self.commit = commit
    self.modules = modules.sorted { $0.module < $1.module }
  }

  /// Every symbol of every module, in module order.
  public var symbols: [Symbol] { modules.flatMap(\.symbols) }
  /// Every diagnostic of every module.
  public var diagnostics: [Diagnostic] { modules.flatMap(\.diagnostics) }
}
