import AdapterManifests

/// The result of a parity run: one row per upstream op and dtype (schema `vmsync.parity-ops/1`).
public struct ParityReport: Codable, Sendable, Equatable {
  /// The name of this persisted format.
  public static let schema = "vmsync.parity-ops/1"

  /// Always ``ParityReport/schema``.
  public var schema: String
  /// The vLLM revision whose mappings ran.
  public var revision: String
  /// The seed all inputs derive from.
  public var seed: UInt64
  /// One result per op × dtype, ops in run order.
  public var results: [OpParity]
  /// Whether every result passed; the command line exits non-zero otherwise.
  public var passed: Bool

  /// Creates a report; `passed` is derived from the results.
  public init(revision: String, seed: UInt64, results: [OpParity]) {
    self.schema = ParityReport.schema
    self.revision = revision
    self.seed = seed
    self.results = results
    self.passed = results.allSatisfy(\.passed)
  }

  /// The results that failed.
  public var failures: [OpParity] { results.filter { !$0.passed } }
}

/// How one mapping compares with the reference for one dtype, over all shape cases.
public struct OpParity: Codable, Sendable, Equatable {
  /// The upstream op, by its vLLM name.
  public var op: String
  /// `float32`, `float16` or `bfloat16`.
  public var dtype: String
  /// The number of shape cases run.
  public var cases: Int
  /// The largest `|actual − expected|` over every float output element.
  public var maxAbsError: Double
  /// The largest `|actual − expected| / |expected|` over float output elements with
  /// `|expected| ≥ 1e-6`.
  public var maxRelError: Double
  /// The mapping's tolerance for this dtype (zero when there is no mapping).
  public var tolerance: Tolerance
  /// The largest difference of integer outputs (ids, quantised values).
  public var maxIntegerError: Double
  /// The allowed integer difference.
  public var integerTolerance: Double
  /// Whether every element of every case is within the tolerance and every case ran.
  public var passed: Bool
  /// On failure: the element furthest outside the tolerance.
  public var worst: WorstElement?
  /// On failure to run: why (no mapping, a step failed), with file:line.
  public var error: String?
  /// Where the mapping is defined, `adapters/v0.9.1/ops.yaml:12:3`.
  public var mapping: String?
}

/// The element of a failing comparison that is furthest outside the tolerance.
public struct WorstElement: Codable, Sendable, Equatable {
  /// The shape case's label.
  public var shapeCase: String
  /// The compared output: an argument name (`out`, `key_cache`) or `return[i]`.
  public var output: String
  /// The element's multi-dimensional index in that output.
  public var index: [Int]
  /// The reference's value.
  public var expected: Double
  /// The mapping's value.
  public var actual: Double

  enum CodingKeys: String, CodingKey {
    case shapeCase = "case"
    case output, index, expected, actual
  }
}
