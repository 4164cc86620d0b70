import APIModel

/// The op mappings of one vLLM revision (`adapters/<revision>/ops.yaml`), with inherited
/// entries already merged in.
public struct OpsManifestV1: Sendable {
  /// The schema name in the header of every file.
  public static let schema = "vmsync.ops/1"

  /// The vLLM revision, `v0.11.0`.
  public var revision: String
  /// The inheritance chain, this revision first.
  public var chain: [String]
  /// Every mapping, keyed by upstream op name.
  public var mappings: [String: OpMapping]

  /// Creates a manifest.
  public init(revision: String, chain: [String], mappings: [String: OpMapping]) {
    self.revision = revision
    self.chain = chain
    self.mappings = mappings
  }
}

/// How one upstream op is computed with MindSpore ops.
public struct OpMapping: Sendable {
  /// The upstream op, `vllm._custom_ops.rms_norm`.
  public var op: String
  /// The revision whose file defines this entry (differs from the manifest's when inherited).
  public var definedIn: String
  /// Where the entry starts.
  public var location: SourceLocation
  /// The entry's free-text `note`, if any.
  public var note: String?
  /// The steps, run in order.
  public var steps: [MappingStep]
  /// Allowed error per float dtype name (`float32`, `float16`, `bfloat16`).
  public var tolerances: [String: Tolerance]
  /// Allowed absolute error of integer outputs (quantised values); 0 unless given.
  public var integerTolerance: Double

  /// Creates a mapping.
  public init(
    op: String, definedIn: String, location: SourceLocation, note: String? = nil, steps: [MappingStep],
    tolerances: [String: Tolerance], integerTolerance: Double
  ) {
    self.op = op
    self.definedIn = definedIn
    self.location = location
    self.note = note
    self.steps = steps
    self.tolerances = tolerances
    self.integerTolerance = integerTolerance
  }
}

/// Allowed error: an element passes when `|got − want| ≤ atol + rtol · |want|`.
public struct Tolerance: Hashable, Sendable, Codable {
  public var atol: Double
  public var rtol: Double

  public init(atol: Double, rtol: Double) {
    self.atol = atol
    self.rtol = rtol
  }

  /// Whether `got` is close enough to `want`.
  public func accepts(_ got: Float, _ want: Float) -> Bool {
    if got.isNaN || want.isNaN { return got.isNaN && want.isNaN }
    if got == want { return true }
    return Double(abs(got - want)) <= atol + rtol * Double(abs(want))
  }
}

/// One step of a mapping, with the condition it runs under.
public struct MappingStep: Sendable {
  /// What the step does.
  public enum Action: Sendable {
    /// Calls a MindSpore op with keyword arguments; names its outputs (`nil` drops one).
    case call(op: String, arguments: [(name: String, value: ArgumentExpression)], outputs: [String?])
    /// Binds `name` to a transformed value.
    case bind(name: String, source: String, transforms: [Transform])
    /// Writes a value into an upstream argument (an `out` argument or an in-place update),
    /// through an optional view of the argument.
    case write(target: String, source: String, view: [Transform])
    /// Returns values from the upstream op, in its tuple order.
    case `return`([String])
  }

  public var action: Action
  /// Conditions on upstream arguments; the step runs when all hold.
  public var conditions: [StepCondition]
  public var location: SourceLocation

  public init(action: Action, conditions: [StepCondition], location: SourceLocation) {
    self.action = action
    self.conditions = conditions
    self.location = location
  }
}

/// A condition on an upstream argument, written `name`, `not name`, `name == text` or
/// `name != text`.
public struct StepCondition: Hashable, Sendable {
  public enum Test: Hashable, Sendable {
    /// True, non-zero, or a tensor.
    case isTrue
    /// False, zero, or none.
    case isFalse
    /// A string argument equals the text.
    case equals(String)
    /// A string argument differs from the text.
    case differs(String)
  }

  public var name: String
  public var test: Test

  public init(name: String, test: Test) {
    self.name = name
    self.test = test
  }

  /// Parses `name`, `not name`, `name == text`, `name != text`; nil when malformed.
  public init?(parsing text: String) {
    let words = text.split(separator: " ").map(String.init)
    switch words.count {
    case 1: self.init(name: words[0], test: .isTrue)
    case 2 where words[0] == "not": self.init(name: words[1], test: .isFalse)
    case 3 where words[1] == "==": self.init(name: words[0], test: .equals(words[2]))
    case 3 where words[1] == "!=": self.init(name: words[0], test: .differs(words[2]))
    default: return nil
    }
  }
}

/// The value of a keyword argument.
public indirect enum ArgumentExpression: Sendable {
  /// An upstream argument or an intermediate.
  case name(String)
  /// A dimension of a named tensor: `key_cache.1`, `query.-1`.
  case dimension(of: String, axis: Int)
  case int(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  case none
  /// A list: integers, dimensions, or names of tensors.
  case list([ArgumentExpression])
  /// `then` when the named argument is true (or a tensor), else `otherwise`.
  case select(condition: String, then: ArgumentExpression, otherwise: ArgumentExpression)

  /// The names the expression reads.
  public var names: [String] {
    switch self {
    case .name(let name), .dimension(let name, _): [name]
    case .int, .float, .bool, .string, .none: []
    case .list(let items): items.flatMap(\.names)
    case .select(let condition, let then, let otherwise): [condition] + then.names + otherwise.names
    }
  }
}

/// A transform from the closed vocabulary; views share storage where the runtime allows.
public enum Transform: Sendable {
  case reshape([ArgumentExpression])
  case permute([Int])
  case narrow(dim: Int, start: ArgumentExpression, length: ArgumentExpression)
  /// The `index`-th of `chunks` equal pieces along `dim`.
  case chunk(chunks: Int, dim: Int, index: Int)
  /// Rows (along `dim`) picked by an index tensor.
  case indexSelect(dim: Int, index: String)
  case unsqueeze(Int)
  /// Broadcasts size-1 dimensions; `-1` keeps a dimension.
  case expand([ArgumentExpression])
  /// Converts to a dtype (`float32`, `float16`, `bfloat16`, `int32`, `int64`, `int8`).
  case cast(String)

  /// Every transform name, as spelled in YAML.
  public static let names = ["reshape", "permute", "narrow", "chunk", "index_select", "unsqueeze", "expand", "cast"]

  /// The dtype names `cast` accepts.
  public static let dtypes: Set<String> = ["float32", "float16", "bfloat16", "int32", "int64", "int8"]

  /// The names the transform reads.
  public var names: [String] {
    switch self {
    case .reshape(let dims), .expand(let dims): dims.flatMap(\.names)
    case .narrow(_, let start, let length): start.names + length.names
    case .indexSelect(_, let index): [index]
    case .permute, .chunk, .unsqueeze, .cast: []
    }
  }
}
