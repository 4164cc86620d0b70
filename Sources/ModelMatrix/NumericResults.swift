import APIModel
import Foundation

/// The per model × dtype outcome of a numeric parity run, as saved by `vmsync parity models`
/// (`vmsync.parity-models/1`): only the fields the matrix reads.
public struct NumericResults: Sendable, Codable {
  /// The schema this reader accepts.
  public static let schema = "vmsync.parity-models/1"

  /// One model × dtype outcome.
  public struct Result: Sendable, Codable, Hashable {
    public var architecture: String
    public var dtype: String
    public var passed: Bool
    /// The matrix column ids (or catalogue features) the run exercised.
    public var features: [String]

    public init(architecture: String, dtype: String, passed: Bool, features: [String]) {
      self.architecture = architecture
      self.dtype = dtype
      self.passed = passed
      self.features = features
    }
  }

  public var schema: String
  /// The vLLM revision the references were taken from.
  public var revision: String?
  public var results: [Result]

  public init(revision: String?, results: [Result]) {
    self.schema = NumericResults.schema
    self.revision = revision
    self.results = results
  }

  /// Reads a saved results file.
  /// - Throws: `MatrixError` naming the file for unreadable, malformed or other-schema input.
  public static func load(from path: String) throws(MatrixError) -> NumericResults {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    let results: NumericResults
    do { results = try JSONDecoder().decode(NumericResults.self, from: data) } catch {
      throw .malformed(reason: "not a \(schema) file: \(error)", at: SourceLocation(file: path, line: 1))
    }
    guard results.schema == schema else {
      throw .unsupportedSchema(results.schema, expected: schema, at: SourceLocation(file: path, line: 1))
    }
    return results
  }

  /// Parity features that name a matrix column differently.
  static let featureColumns = ["moe-softmax": "moe", "moe-sigmoid": "moe", "int8": "quant"]

  /// Evidence for the model column and every exercised column that maps to a matrix column
  /// (catalogue features map to the column that lists them). Features without a column
  /// (`mha`, `qk-norm`, …) prove only the model as a whole.
  /// - Parameters:
  ///   - source: the results file, named in errors and in each piece of evidence.
  ///   - known: the architectures a result may name.
  /// - Throws: `MatrixError` for an unknown architecture.
  public func evidence(source: String, known: Set<String>) throws(MatrixError) -> [MappedEvidence] {
    var mapped: [MappedEvidence] = []
    for result in results {
      guard known.contains(result.architecture) else {
        throw .unknownArchitecture(result.architecture, at: SourceLocation(file: source, line: 1))
      }
      var columns = ["model"]
      for feature in result.features {
        let column = Self.featureColumns[feature]
          ?? (MatrixColumn.named(feature) ?? MatrixColumn.all.first { $0.features.contains { $0.rawValue == feature } })?.id
        if let column, !columns.contains(column) { columns.append(column) }
      }
      mapped += columns.map {
        MappedEvidence(
          architecture: result.architecture, column: $0,
          evidence: Evidence(kind: .numeric, passed: result.passed, detail: result.dtype, revision: revision, date: nil,
                             source: source))
      }
    }
    return mapped
  }
}
