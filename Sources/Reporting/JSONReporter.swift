import APIDiff
import APIModel
import Foundation

/// Renders diff reports (`vmsync.diff/1`) and snapshots (`vmsync.snapshot/1`) as JSON with
/// sorted keys and explicit nulls; see `docs/report-schema.md`.
public struct JSONReporter: DiffReporter {
  /// Version of the diff report format.
  public static let diffSchema = "vmsync.diff/1"

  /// Indented output for files; compact output otherwise.
  public var pretty: Bool

  public init(pretty: Bool = true) {
    self.pretty = pretty
  }

  public func render(_ report: DiffReport) -> String {
    encode(DiffDocumentV1(report))
  }

  /// The snapshot as `vmsync.snapshot/1`; `JSONDecoder` reads it back into a `Snapshot`.
  public func render(_ snapshot: Snapshot) -> String {
    encode(SnapshotDocumentV1(snapshot))
  }

  private func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty
      ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    // Every value here is a string, integer, boolean, array or object: encoding cannot fail.
    let data = (try? encoder.encode(value)) ?? Data()
    return String(decoding: data, as: UTF8.self) + (pretty ? "\n" : "")
  }
}

/// Writes an optional as an explicit `null` rather than leaving the key out.
private extension KeyedEncodingContainer {
  mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
    if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }
}

private struct DiffDocumentV1: Encodable {
  let report: DiffReport
  init(_ report: DiffReport) { self.report = report }

  enum Keys: String, CodingKey { case schema, from, to, summary, changes }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(JSONReporter.diffSchema, forKey: .schema)
    try c.encode(report.from, forKey: .from)
    try c.encode(report.to, forKey: .to)
    try c.encode(SummaryV1(report.summary), forKey: .summary)
    try c.encode(report.changes.map(ChangeV1.init), forKey: .changes)
  }
}

private struct SummaryV1: Encodable {
  struct Count: Encodable { let count: Int; let breaking: Int }
  let total: Int
  let breaking: Int
  let byChange: [String: Count]

  init(_ s: DiffSummary) {
    total = s.total
    breaking = s.breaking
    byChange = Dictionary(uniqueKeysWithValues: ChangeKind.allCases.map {
      ($0.rawValue, Count(count: s.counts[$0] ?? 0, breaking: s.breakingCounts[$0] ?? 0))
    })
  }

  enum CodingKeys: String, CodingKey { case total, breaking, byChange = "by_change" }
}

private struct LocationV1: Encodable {
  let file: String
  let line: Int
}

private struct ChangeV1: Encodable {
  let change: Change
  init(_ change: Change) { self.change = change }

  enum Keys: String, CodingKey {
    case path, change, rule, summary, details, old, new, breaking
    case symbolKind = "symbol_kind", newPath = "new_path"
    case breaksCallers = "breaks_callers", breaksSubclasses = "breaks_subclasses"
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(change.path, forKey: .path)
    try c.encode(change.change.rawValue, forKey: .change)
    try c.encode(change.rule, forKey: .rule)
    try c.encode(change.symbolKind.rawValue, forKey: .symbolKind)
    try c.encode(change.isBreaking, forKey: .breaking)
    try c.encode(change.breaksCallers, forKey: .breaksCallers)
    try c.encode(change.breaksSubclasses, forKey: .breaksSubclasses)
    try c.encodeOrNull(change.newPath, forKey: .newPath)
    try c.encodeOrNull(change.old.map { LocationV1(file: $0.file, line: $0.line) }, forKey: .old)
    try c.encodeOrNull(change.new.map { LocationV1(file: $0.file, line: $0.line) }, forKey: .new)
    try c.encode(change.summary, forKey: .summary)
    try c.encode(change.details.map(DetailV1.init), forKey: .details)
  }
}

private struct DetailV1: Encodable {
  let detail: ChangeDetail
  init(_ detail: ChangeDetail) { self.detail = detail }

  enum Keys: String, CodingKey { case kind, name, old, new, breaking, note }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(detail.kind.rawValue, forKey: .kind)
    try c.encodeOrNull(detail.name, forKey: .name)
    try c.encodeOrNull(detail.old, forKey: .old)
    try c.encodeOrNull(detail.new, forKey: .new)
    try c.encode(detail.isBreaking, forKey: .breaking)
    try c.encodeOrNull(detail.note, forKey: .note)
  }
}

private struct SnapshotDocumentV1: Encodable {
  let snapshot: Snapshot
  init(_ snapshot: Snapshot) { self.snapshot = snapshot }

  enum Keys: String, CodingKey { case schema, release, commit, modules }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(Snapshot.schema, forKey: .schema)
    try c.encode(snapshot.release, forKey: .release)
    try c.encodeOrNull(snapshot.commit, forKey: .commit)
    try c.encode(snapshot.modules.map(ModuleV1.init), forKey: .modules)
  }
}

private struct ModuleV1: Encodable {
  let module: ModuleSurface
  init(_ module: ModuleSurface) { self.module = module }

  // `starImports` keeps the spelling of `ModuleSurface`'s own coding keys, so that
  // `JSONDecoder` reads the document back.
  enum Keys: String, CodingKey { case module, file, symbols, exports, starImports, diagnostics }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(module.module, forKey: .module)
    try c.encode(module.file, forKey: .file)
    try c.encode(module.symbols.map(SymbolV1.init), forKey: .symbols)
    try c.encodeOrNull(module.exports, forKey: .exports)
    try c.encodeOrNull(module.starImports, forKey: .starImports)
    try c.encode(module.diagnostics, forKey: .diagnostics)
  }
}

private struct SymbolV1: Encodable {
  let symbol: Symbol
  init(_ symbol: Symbol) { self.symbol = symbol }

  enum Keys: String, CodingKey {
    case path, kind, file, line, params, returns, bases, decorators, target, value, annotation, conditions
    case bodyHash = "body_hash", isAsync = "async"
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(symbol.path, forKey: .path)
    try c.encode(symbol.kind.rawValue, forKey: .kind)
    try c.encode(symbol.file, forKey: .file)
    try c.encode(symbol.line, forKey: .line)
    try c.encodeOrNull(symbol.params?.map(ParameterV1.init), forKey: .params)
    try c.encodeOrNull(symbol.returns, forKey: .returns)
    try c.encodeOrNull(symbol.bases, forKey: .bases)
    try c.encodeOrNull(symbol.decorators, forKey: .decorators)
    try c.encodeOrNull(symbol.target, forKey: .target)
    try c.encodeOrNull(symbol.bodyHash, forKey: .bodyHash)
    try c.encodeOrNull(symbol.value, forKey: .value)
    try c.encodeOrNull(symbol.annotation, forKey: .annotation)
    try c.encodeOrNull(symbol.isAsync, forKey: .isAsync)
    try c.encodeOrNull(symbol.conditions?.map(\.rawValue), forKey: .conditions)
  }
}

private struct ParameterV1: Encodable {
  let parameter: Parameter
  init(_ parameter: Parameter) { self.parameter = parameter }

  enum Keys: String, CodingKey { case name, kind, `default`, annotation }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(parameter.name, forKey: .name)
    try c.encode(parameter.kind.rawValue, forKey: .kind)
    try c.encodeOrNull(parameter.default, forKey: .default)
    try c.encodeOrNull(parameter.annotation, forKey: .annotation)
  }
}
