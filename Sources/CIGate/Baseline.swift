import APIModel
import Foundation

/// The findings a gate run accepts as known (`ci/baseline.json`, schema `vmsync.gate-baseline/1`).
/// Written sorted by key, without timestamps, so the same findings give the same bytes.
public struct Baseline: Codable, Equatable, Sendable {
  public static let schema = "vmsync.gate-baseline/1"

  /// One known finding; parity cells keep their measure, so a cell that gets worse fails.
  public struct Entry: Codable, Equatable, Sendable {
    public var key: String
    public var measure: Double?

    public init(key: String, measure: Double?) {
      self.key = key
      self.measure = measure
    }
  }

  public var schema: String
  public var findings: [Entry]

  /// The baseline of a run: every finding's key, sorted.
  public init(_ findings: [GateFinding]) {
    schema = Baseline.schema
    self.findings = findings.map { Entry(key: $0.key, measure: $0.measure) }.sorted { $0.key < $1.key }
  }

  /// The entries by key.
  public var byKey: [String: Entry] { Dictionary(findings.map { ($0.key, $0) }) { first, _ in first } }

  /// Reads a baseline; a missing file is an empty baseline.
  /// - Throws: ``GateError/invalid(_:at:)`` when the file is not a baseline.
  public static func load(from path: String) throws(GateError) -> Baseline {
    guard let data = FileManager.default.contents(atPath: path) else { return Baseline([]) }
    let baseline: Baseline
    do {
      baseline = try JSONDecoder().decode(Baseline.self, from: data)
    } catch {
      throw .invalid("not a \(schema) file", at: SourceLocation(file: path, line: 1))
    }
    guard baseline.schema == schema else {
      throw .invalid("schema \(baseline.schema), expected \(schema)", at: SourceLocation(file: path, line: 1))
    }
    return baseline
  }

  /// The file's bytes: pretty, sorted keys, a final newline.
  public func encoded() -> Data {
    GateJSON.encode(self)
  }
}

/// The JSON encoding of every gate file: pretty-printed, keys sorted, slashes unescaped.
enum GateJSON {
  static func encode<T: Encodable>(_ value: T) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // The gate's values are plain strings, numbers and arrays: encoding cannot fail.
    return (try! encoder.encode(value)) + Data("\n".utf8)
  }
}
