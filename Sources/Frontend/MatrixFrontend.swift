import APIExtraction
import APIModel
import Foundation
import GitReleases
import ModelCatalog
import ModelMatrix
import ModelParity
import Upstream

/// The formats of `vmsync matrix`.
public enum MatrixFormat: String, CaseIterable, Sendable {
  case markdown, json, html
}

/// `vmsync matrix`, `vmsync matrix diff` and `vmsync matrix record`: the model support matrix.
public enum MatrixFrontend {
  /// The registry module of vLLM's models.
  public static let upstreamRegistry = "vllm.model_executor.models.registry"

  /// The model facts of a release: derived from the repository's source when the source is a
  /// repository, else read from the catalog's `models/<release>.json`.
  public static func upstreamFacts(_ release: String, in source: UpstreamSource) throws(CommandError) -> ModelFactsFile {
    switch source {
    case .repository(let repository, _, let packageRoot):
      let snapshot = try source.snapshot(release, progress: Console.progress("parsing \(release)"))
      let blobs = try wrapping {
        try repository.files(at: repository.resolve(release), under: packageRoot)
      }
      let byPath = Dictionary(blobs.map { ($0.path, $0.blob) }, uniquingKeysWith: { a, _ in a })
      var extractor = ModelFactsExtractor(snapshot: snapshot) { path in
        byPath[path].flatMap { try? repository.blob($0) }
      }
      return try wrapping { try extractor.facts(registryModule: upstreamRegistry, revision: release) }
    case .catalog(let catalog):
      let path = try recordedFactsPath(release, in: catalog)
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CommandError("\(path): error: cannot read the model facts of \(release)")
      }
      let facts: ModelFactsFile
      do { facts = try JSONDecoder().decode(ModelFactsFile.self, from: data) } catch {
        throw CommandError("\(path):1: error: not a \(ModelFactsFile.schema) file: \(error)")
      }
      guard facts.schema == ModelFactsFile.schema else {
        throw CommandError("\(path):1: error: schema '\(facts.schema)' is not supported (expected '\(ModelFactsFile.schema)')")
      }
      return facts
    }
  }

  /// The committed `models/<release>.json` of a release.
  /// - Throws: When there is none, naming the command that records it.
  static func recordedFactsPath(_ release: String, in catalog: UpstreamCatalog) throws(CommandError) -> String {
    let path = catalog.directory.appendingPathComponent("models/\(release).json").path
    guard FileManager.default.fileExists(atPath: path) else {
      throw CommandError("\(path): error: no model facts for \(release); run `vmsync matrix record --repo R \(release)`")
    }
    return path
  }

  /// Writes `models/<release>.json` for each release into the catalog directory.
  public static func record(_ releases: [String], from source: UpstreamSource, upstreamDirectory: String?)
    throws(CommandError) -> [String]
  {
    guard case .repository = source else { throw CommandError("vmsync matrix record needs --repo") }
    let catalog = try UpstreamSource.catalog(upstreamDirectory)
    let directory = catalog.directory.appendingPathComponent("models")
    try wrapping { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    var written: [String] = []
    for release in releases {
      let facts = try upstreamFacts(release, in: source)
      let data = try wrapping { try facts.encoded() }
      let url = directory.appendingPathComponent("\(release).json")
      try Output.writeAtomically([UInt8](data), to: url)
      written.append(url.path)
    }
    return written
  }

  /// The model facts of a plugin tree: its registry, resolved over its own modules and the
  /// upstream snapshot (plugin classes may derive from vLLM's).
  /// - Parameters:
  ///   - root: The directory holding the plugin's package.
  ///   - package: `vllm_mindspore`.
  ///   - upstream: The upstream snapshot of the revision.
  ///   - label: Recorded as the facts' revision.
  public static func pluginFacts(root: URL, package: String, upstream: Snapshot, label: String) throws(CommandError)
    -> ModelFactsFile
  {
    let packageURL = root.appendingPathComponent(package)
    guard let walker = FileManager.default.enumerator(atPath: packageURL.path) else {
      throw CommandError("\(packageURL.path): error: no such directory")
    }
    var sources: [String: [UInt8]] = [:]
    var modules: [ModuleSurface] = []
    for case let relative as String in walker where relative.hasSuffix(".py") {
      let file = package + "/" + relative
      guard let data = FileManager.default.contents(atPath: packageURL.appendingPathComponent(relative).path) else {
        continue
      }
      let bytes = [UInt8](data)
      sources[file] = bytes
      if let surface = extractModule(source: bytes, file: file) { modules.append(surface) }
    }
    let snapshot = Snapshot(release: label, modules: modules + upstream.modules)
    var extractor = ModelFactsExtractor(snapshot: snapshot) { sources[$0] }
    return try wrapping {
      try extractor.facts(registryModule: package + ".model_executor.models.registry", revision: label)
    }
  }

  /// Everything `vmsync matrix` reads besides the two trees.
  public struct Inputs {
    public var catalog: String?
    public var evidenceRules: String?
    public var evidenceFiles: [String]
    public var evidenceRevision: String?
    public var numericResults: String?
    /// Run numeric model parity (`vmsync parity models`) for the revision, all dtypes.
    public var runsNumeric: Bool

    public init(catalog: String?, evidenceRules: String?, evidenceFiles: [String], evidenceRevision: String?,
                numericResults: String?, runsNumeric: Bool = false) {
      self.runsNumeric = runsNumeric
      self.catalog = catalog
      self.evidenceRules = evidenceRules
      self.evidenceFiles = evidenceFiles
      self.evidenceRevision = evidenceRevision
      self.numericResults = numericResults
    }
  }

  /// What the matrix of a plugin at a revision is built from: the plugin tree's facts and the
  /// evidence of `inputs`, or, when `plugin` is a `vmsync.matrix-record/1` file, that record
  /// (its revision unless `revision` is given, its evidence plus that of `inputs`).
  public static func record(
    plugin root: URL, package: String, label: String?, revision: String?, source: UpstreamSource, inputs: Inputs,
    catalog: ModelCatalog, adapters: String?
  ) throws(CommandError) -> MatrixRecord {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      var record: MatrixRecord = try wrapping { try MatrixRecord.load(from: root.path) }
      if let label { record.plugin.revision = label }
      let extra = try evidence(inputs, revision: record.revision, known: known(catalog, record.plugin), adapters: adapters)
      return MatrixRecord(
        revision: revision ?? record.revision, plugin: record.plugin, evidence: record.evidence + extra,
        numeric: record.numeric || inputs.runsNumeric)
    }
    guard let revision else { throw CommandError("--revision is required with a plugin tree") }
    if case .catalog(let catalog) = source { _ = try recordedFactsPath(revision, in: catalog) }
    let snapshot = try source.snapshot(revision, progress: Console.progress("parsing \(revision)"))
    let plugin = try pluginFacts(
      root: root, package: package, upstream: snapshot, label: label ?? root.lastPathComponent)
    let evidence = try evidence(inputs, revision: revision, known: known(catalog, plugin), adapters: adapters)
    return MatrixRecord(revision: revision, plugin: plugin, evidence: evidence, numeric: inputs.runsNumeric)
  }

  /// Builds the matrix of a record from the current upstream facts and catalogue.
  /// - Parameter evidence: The evidence to attach; the record's when nil.
  public static func matrix(
    _ record: MatrixRecord, source: UpstreamSource, catalog: ModelCatalog, evidence: [MappedEvidence]? = nil
  ) throws(CommandError) -> SupportMatrix {
    let upstream = try upstreamFacts(record.revision, in: source)
    return MatrixBuilder(upstream: upstream, plugin: record.plugin, catalog: catalog, evidence: evidence ?? record.evidence)
      .build()
  }

  /// Builds the matrix of a plugin tree (or a recorded one) at a revision.
  public static func matrix(
    plugin root: URL, package: String, label: String?, revision: String?, source: UpstreamSource, inputs: Inputs,
    adapters: String?
  ) throws(CommandError) -> (matrix: SupportMatrix, record: MatrixRecord) {
    let catalog = try catalog(explicit: inputs.catalog, adapters: adapters)
    let record = try record(
      plugin: root, package: package, label: label, revision: revision, source: source, inputs: inputs,
      catalog: catalog, adapters: adapters)
    return (try matrix(record, source: source, catalog: catalog), record)
  }

  /// Writes a matrix record, whole or not at all.
  public static func write(_ record: MatrixRecord, to path: String) throws(CommandError) {
    let data = try wrapping { try record.encoded() }
    try Output.writeAtomically([UInt8](data), to: URL(fileURLWithPath: path))
  }

  /// The model catalogue: `explicit` (named relative to the working directory in the matrix's
  /// notes), else the adapters directory's (named `adapters/models.yaml` after that directory,
  /// so the notes are the same from any working directory).
  public static func catalog(explicit: String?, adapters: String?) throws(CommandError) -> ModelCatalog {
    if let explicit { return try catalog(at: explicit, named: relativePath(explicit)) }
    let directory = try PluginFrontend.adaptersDirectory(adapters)
    return try catalog(
      at: directory.appendingPathComponent("models.yaml").path, named: directory.lastPathComponent + "/models.yaml")
  }

  /// The model catalogue at `path`, named `name` in the matrix's notes.
  public static func catalog(at path: String, named name: String) throws(CommandError) -> ModelCatalog {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw CommandError("\(path): error: cannot read the model catalogue")
    }
    return try wrapping { try ModelCatalog.parse(text, file: name) }
  }

  /// The architectures evidence may name: the catalogue's and the plugin's.
  public static func known(_ catalog: ModelCatalog, _ plugin: ModelFactsFile) -> Set<String> {
    Set(catalog.models.map(\.architecture) + plugin.models.map(\.architecture))
  }

  /// The evidence of `inputs`: saved numeric results, a numeric run of the revision, device runs.
  static func evidence(_ inputs: Inputs, revision: String, known: Set<String>, adapters: String?) throws(CommandError)
    -> [MappedEvidence]
  {
    var evidence: [MappedEvidence] = []
    if let numeric = inputs.numericResults {
      let found: [MappedEvidence] = try wrapping {
        try NumericResults.load(from: numeric).evidence(source: numeric, known: known)
      }
      evidence += found
    }
    if inputs.runsNumeric {
      let report = try ParityFrontend.runModels(revision: revision, models: [], dtypes: [], adaptersDirectory: adapters)
      evidence += try numericEvidence(report.results, revision: report.revision, known: known)
    }
    if !inputs.evidenceFiles.isEmpty {
      let rulesPath = try dataFile("evidence.yaml", explicit: inputs.evidenceRules, adapters: adapters)
      let importer: EvidenceImporter = try wrapping { try EvidenceImporter.loadRules(from: rulesPath, known: known) }
      for file in try expand(inputs.evidenceFiles) {
        let found: [MappedEvidence] = try wrapping {
          try importer.evidence(inJUnit: file, revision: inputs.evidenceRevision)
        }
        evidence += found
      }
    }
    return evidence
  }

  /// The evidence of a numeric model parity run of `revision`.
  public static func numericEvidence(_ results: [ModelParityResult], revision: String, known: Set<String>)
    throws(CommandError) -> [MappedEvidence]
  {
    let numeric = NumericResults(
      revision: revision,
      results: results.map {
        .init(architecture: $0.architecture, dtype: $0.dtype, passed: $0.passed, features: $0.features)
      })
    return try wrapping { try numeric.evidence(source: MatrixRecord.numericSource(revision), known: known) }
  }

  static func dataFile(_ name: String, explicit: String?, adapters: String?) throws(CommandError) -> String {
    if let explicit { return explicit }
    return try PluginFrontend.adaptersDirectory(adapters).appendingPathComponent(name).path
  }

  /// `path` relative to the working directory when it is below it, so reports name
  /// `adapters/models.yaml` rather than a machine-specific absolute path.
  static func relativePath(_ path: String) -> String {
    let base = FileManager.default.currentDirectoryPath + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
  }

  /// Renders a matrix.
  public static func render(_ matrix: SupportMatrix, as format: MatrixFormat) -> String {
    switch format {
    case .markdown: matrix.markdown()
    case .json: matrix.json()
    case .html: matrix.html()
    }
  }

  /// Renders what changed between two matrices.
  public static func renderDiff(from old: SupportMatrix, to new: SupportMatrix, as format: MatrixFormat) -> String {
    let diff = MatrixDiff(from: old, to: new)
    return switch format {
    case .markdown: diff.markdown()
    case .json: diff.json()
    case .html: diff.html()
    }
  }

  /// Expands `*`/`?` globs in the last path component; a pattern that matches nothing is an error.
  static func expand(_ patterns: [String]) throws(CommandError) -> [String] {
    var files: [String] = []
    for pattern in patterns {
      guard pattern.contains("*") || pattern.contains("?") else {
        files.append(pattern)
        continue
      }
      let url = URL(fileURLWithPath: pattern)
      let directory = url.deletingLastPathComponent().path
      let name = url.lastPathComponent
      let matches = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
        .filter { fnmatch(name, $0, 0) == 0 }.sorted()
      guard !matches.isEmpty else { throw CommandError("\(pattern): error: no evidence file matches") }
      files += matches.map { directory + "/" + $0 }
    }
    return files
  }
}
