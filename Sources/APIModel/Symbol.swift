/// What a symbol of a Python API surface is.
public enum SymbolKind: String, Sendable, Codable, CaseIterable {
  case module
  case `class`
  case function
  /// A function defined in a class body; its path is `module.Class.method`.
  case method
  /// A module or class attribute: an assigned or annotated name, a dataclass field.
  case attribute
  /// A name bound by an import; `target` is the dotted path it refers to.
  case alias
}

/// The kind of a parameter, as Python's `inspect.Parameter.kind` names them.
public enum ParameterKind: String, Sendable, Codable, CaseIterable {
  case positionalOnly = "positional-only"
  case positionalOrKeyword = "positional-or-keyword"
  case varPositional = "var-positional"
  case keywordOnly = "keyword-only"
  case varKeyword = "var-keyword"
}

/// One parameter of a function; default and annotation are source text.
public struct Parameter: Hashable, Sendable, Codable {
  public var name: String
  public var kind: ParameterKind
  public var `default`: String?
  public var annotation: String?

  public init(name: String, kind: ParameterKind, default: String? = nil, annotation: String? = nil) {
    self.name = name
    self.kind = kind
    self.default = `default`
    self.annotation = annotation
  }

  public var hasDefault: Bool { self.default != nil }
  /// A parameter a caller must pass: no default and not variadic.
  public var isRequired: Bool { !hasDefault && kind != .varPositional && kind != .varKeyword }
}

/// A guard under which a symbol is defined. Symbols defined unconditionally have none.
public enum SymbolCondition: String, Sendable, Codable, CaseIterable {
  /// Under `if TYPE_CHECKING:` (or `typing.TYPE_CHECKING`): absent at run time.
  case typeChecking = "type-checking"
  /// In a `try:` whose handler catches `ImportError`/`ModuleNotFoundError`.
  case importGuarded = "import-guarded"
  /// In the `except ImportError:` handler: the fallback definition.
  case importFallback = "import-fallback"
  /// Under a test of the platform (`sys.platform`, `current_platform`, `os.name`, …).
  case platform
  /// Under a test of the Python or package version (`sys.version_info`, `__version__`).
  case version
  /// Under any other `if`.
  case conditional
}

/// One symbol of a release's Python API surface.
public struct Symbol: Hashable, Sendable, Codable {
  /// Dotted path: `vllm.config.CacheConfig`, `vllm.worker.Worker.__init__`.
  public var path: String
  public var kind: SymbolKind
  /// Repository-relative path of the defining file, `vllm/config/cache.py`.
  public var file: String
  /// 1-based line of the definition (the `def`/`class` line, after decorators).
  public var line: Int
  /// Functions and methods: every parameter, in order.
  public var params: [Parameter]?
  /// Functions and methods: return annotation as source text.
  public var returns: String?
  /// Classes: base class expressions as source text (keywords like `metaclass=` included).
  public var bases: [String]?
  /// Decorators as source text without the `@`.
  public var decorators: [String]?
  /// Aliases: the dotted path the name refers to.
  public var target: String?
  /// Functions, methods and classes: a fingerprint of the body that ignores whitespace,
  /// comments and docstrings.
  public var bodyHash: String?
  /// Attributes: the assigned value as normalised source text, kept whole.
  public var value: String?
  /// Attributes: the annotation as source text.
  public var annotation: String?
  /// Functions and methods defined with `async def`.
  public var isAsync: Bool?
  /// Guards the definition is under; nil when unconditional.
  public var conditions: [SymbolCondition]?

  public init(
    path: String, kind: SymbolKind, file: String, line: Int,
    params: [Parameter]? = nil, returns: String? = nil, bases: [String]? = nil,
    decorators: [String]? = nil, target: String? = nil, bodyHash: String? = nil,
    value: String? = nil, annotation: String? = nil, isAsync: Bool? = nil,
    conditions: [SymbolCondition]? = nil
  ) {
    self.path = path
    self.kind = kind
    self.file = file
    self.line = line
    self.params = params
    self.returns = returns
    self.bases = bases
    self.decorators = decorators
    self.target = target
    self.bodyHash = bodyHash
    self.value = value
    self.annotation = annotation
    self.isAsync = isAsync
    self.conditions = conditions
  }

  enum CodingKeys: String, CodingKey {
    case path, kind, file, line, params, returns, bases, decorators, target
    case bodyHash = "body_hash"
    case value, annotation
    case isAsync = "async"
    case conditions
  }

  /// The last component of the path.
  public var name: Substring { path[(path.lastDot.map { path.utf8.index(after: $0) } ?? path.startIndex)...] }
  /// The path without its last component; empty for a top-level module.
  public var parentPath: Substring { path[..<(path.lastDot ?? path.startIndex)] }
  /// True when no component of the path starts with an underscore (dunders count as public).
  public var isPublic: Bool { path.split(separator: ".").allSatisfy(SymbolPath.isPublicName) }
  public var location: SourceLocation { SourceLocation(file: file, line: line) }
}

extension StringProtocol where UTF8View: BidirectionalCollection {
  /// The index of the last `.`, found among the UTF-8 bytes: a `.` byte is always a `.`
  /// character, and the byte scan skips grapheme breaking, which dominates path handling.
  public var lastDot: Index? { utf8.lastIndex(of: UInt8(ascii: ".")) }
}

/// Helpers on dotted paths.
public enum SymbolPath {
  /// `_x` is private, `__x__` is public.
  public static func isPublicName(_ name: Substring) -> Bool {
    !name.hasPrefix("_") || (name.hasPrefix("__") && name.hasSuffix("__") && name.count > 4)
  }

  /// The dotted module name of a repository-relative `.py` file:
  /// `vllm/config/__init__.py` → (`vllm.config`, isPackage: true).
  public static func module(forFile file: String) -> (name: String, isPackage: Bool)? {
    guard file.hasSuffix(".py") || file.hasSuffix(".pyi") else { return nil }
    var parts = file.split(separator: "/").map(String.init)
    guard var last = parts.popLast() else { return nil }
    last = String(last[..<last.lastIndex(of: ".")!])
    if last == "__init__" { return (parts.joined(separator: "."), true) }
    parts.append(last)
    return (parts.joined(separator: "."), false)
  }
}
