import APIModel
import Foundation

/// What a support matrix was generated from besides the upstream facts and the catalogue:
/// the plugin side's derived facts and the run evidence (`vmsync.matrix-record/1`). Committed
/// next to a generated matrix, it lets the matrix be regenerated, and checked for freshness,
/// without the plugin's source. Derived data only.
public struct MatrixRecord: Hashable, Sendable, Codable {
  /// Version of this persisted format.
  public static let schema = "vmsync.matrix-record/1"

  public var schema: String
  /// The vLLM revision of the matrix.
  public var revision: String
  /// The plugin's model facts; their `revision` is the plugin's label.
  public var plugin: ModelFactsFile
  /// The run evidence the matrix was built with, sorted.
  public var evidence: [MappedEvidence]
  /// Whether numeric model parity was run for the revision (`--numeric`): a gate at that
  /// revision runs it again rather than trusting the recorded outcome.
  public var numeric: Bool

  public init(revision: String, plugin: ModelFactsFile, evidence: [MappedEvidence], numeric: Bool) {
    self.schema = MatrixRecord.schema
    self.revision = revision
    self.plugin = plugin
    self.evidence = Self.sorted(evidence)
    self.numeric = numeric
  }

  /// Evidence in the order a matrix attaches it: by model, column, source and detail.
  static func sorted(_ evidence: [MappedEvidence]) -> [MappedEvidence] {
    evidence.sorted {
      ($0.architecture, $0.column, $0.evidence.source, $0.evidence.detail)
        < ($1.architecture, $1.column, $1.evidence.source, $1.evidence.detail)
    }
  }

  /// The source named by evidence from a numeric run of `revision`.
  public static func numericSource(_ revision: String) -> String { "vmsync parity models \(revision)" }

  /// The recorded evidence, with that of the numeric run replaced by `fresh` when given.
  public func evidence(replacingNumeric fresh: [MappedEvidence]?) -> [MappedEvidence] {
    guard let fresh else { return evidence }
    let source = Self.numericSource(revision)
    return Self.sorted(evidence.filter { $0.evidence.source != source } + fresh)
  }

  /// Pretty-printed JSON with sorted keys, so recorded files diff well.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }

  /// Reads a record.
  /// - Throws: `MatrixError` naming the file for unreadable, malformed or other-schema input.
  public static func load(from path: String) throws(MatrixError) -> MatrixRecord {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    let record: MatrixRecord
    do { record = try JSONDecoder().decode(MatrixRecord.self, from: data) } catch {
      throw .malformed(reason: "not a \(schema) file: \(error)", at: SourceLocation(file: path, line: 1))
    }
    guard record.schema == schema else {
      throw .unsupportedSchema(record.schema, expected: schema, at: SourceLocation(file: path, line: 1))
    }
    return record
  }
}
