/// The state of one model × feature cell.
public enum CellState: String, Sendable, Codable, CaseIterable {
  case supported
  /// Served, with a reason why not fully.
  case partial
  /// The plugin does not serve the model (or the feature at all).
  case missing
  /// vLLM no longer registers the architecture at this revision.
  case upstreamGone = "upstream-gone"
  /// The feature does not apply to the model.
  case notApplicable = "n/a"
}

/// Where a cell's claim comes from.
public enum EvidenceKind: String, Sendable, Codable, CaseIterable {
  /// Registries, interfaces and config reads of the two sources.
  case `static`
  /// A numeric parity run on CPU.
  case numeric
  /// A test run on a real device.
  case device
}

/// One piece of evidence attached to a cell.
public struct Evidence: Hashable, Sendable, Codable {
  public var kind: EvidenceKind
  /// Whether the run passed.
  public var passed: Bool
  /// What ran: a test id, or `bfloat16` for a numeric run.
  public var detail: String
  /// The vLLM revision the run was against, when known.
  public var revision: String?
  /// The run's date (ISO 8601), when known.
  public var date: String?
  /// True when `revision` is not the matrix's revision.
  public var isStale: Bool
  /// The file (and line) the evidence was read from.
  public var source: String

  public init(kind: EvidenceKind, passed: Bool, detail: String, revision: String?, date: String?,
              isStale: Bool = false, source: String) {
    self.kind = kind
    self.passed = passed
    self.detail = detail
    self.revision = revision
    self.date = date
    self.isStale = isStale
    self.source = source
  }

  enum CodingKeys: String, CodingKey {
    case kind, passed, detail, revision, date
    case isStale = "stale"
    case source
  }
}

/// One model × feature cell: its state, the reasons for it and the places that prove it.
public struct MatrixCell: Hashable, Sendable, Codable {
  /// The column id.
  public var column: String
  public var state: CellState
  /// Why the cell is not simply supported (or what it rests on).
  public var reasons: [String]
  /// `file:line` places, upstream and plugin.
  public var proof: [String]
  public var evidence: [Evidence]

  public init(column: String, state: CellState, reasons: [String] = [], proof: [String] = [], evidence: [Evidence] = []) {
    self.column = column
    self.state = state
    self.reasons = reasons
    self.proof = proof
    self.evidence = evidence
  }
}

/// One model's row.
public struct MatrixRow: Hashable, Sendable, Codable {
  public var architecture: String
  /// The catalogue family, when the catalogue lists the model.
  public var family: String?
  /// The catalogue's serving backend (`native`, `mindformers`, `vllm`), when listed.
  public var backend: String?
  /// The model column's state, repeated for convenience.
  public var state: CellState
  /// One cell per column, in column order.
  public var cells: [MatrixCell]

  public init(architecture: String, family: String?, backend: String?, cells: [MatrixCell]) {
    self.architecture = architecture
    self.family = family
    self.backend = backend
    self.state = cells.first?.state ?? .missing
    self.cells = cells
  }

  /// The cell of a column.
  public subscript(column: String) -> MatrixCell? { cells.first { $0.column == column } }
}

/// A column as the JSON report describes it.
public struct ColumnInfo: Hashable, Sendable, Codable {
  public var id: String
  public var title: String
  public var kind: MatrixColumn.Kind
}

/// The support matrix of a plugin at one vLLM revision (`vmsync.matrix/1`).
public struct SupportMatrix: Hashable, Sendable, Codable {
  /// Version of this persisted format.
  public static let schema = "vmsync.matrix/1"

  public var schema: String
  /// The vLLM revision.
  public var revision: String
  /// A label for the plugin tree (its directory or branch).
  public var plugin: String
  public var columns: [ColumnInfo]
  public var rows: [MatrixRow]
  /// Upstream architectures the plugin does not register and the catalogue does not list.
  public var unservedUpstream: [String]

  public init(revision: String, plugin: String, rows: [MatrixRow], unservedUpstream: [String]) {
    self.schema = SupportMatrix.schema
    self.revision = revision
    self.plugin = plugin
    self.columns = MatrixColumn.all.map { ColumnInfo(id: $0.id, title: $0.title, kind: $0.kind) }
    self.rows = rows
    self.unservedUpstream = unservedUpstream
  }

  enum CodingKeys: String, CodingKey {
    case schema, revision, plugin, columns, rows
    case unservedUpstream = "unserved_upstream"
  }

  /// The row of an architecture.
  public subscript(architecture: String) -> MatrixRow? { rows.first { $0.architecture == architecture } }
}
