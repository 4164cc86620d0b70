import ModelCatalog

/// Evidence from a run, already mapped to a model and a column.
public struct MappedEvidence: Hashable, Sendable, Codable {
  public var architecture: String
  /// A column id; `model` when the run proves the model as a whole.
  public var column: String
  public var evidence: Evidence

  public init(architecture: String, column: String, evidence: Evidence) {
    self.architecture = architecture
    self.column = column
    self.evidence = evidence
  }
}

/// Joins upstream and plugin model facts, the catalogue and run evidence into a support matrix.
public struct MatrixBuilder {
  public var upstream: ModelFactsFile
  public var plugin: ModelFactsFile
  public var catalog: ModelCatalog?
  public var evidence: [MappedEvidence]
  /// The plugin's architecture that serves `mindformers`-backend catalogue models.
  public var mindformersArchitecture = "MindFormersForCausalLM"

  public init(upstream: ModelFactsFile, plugin: ModelFactsFile, catalog: ModelCatalog?, evidence: [MappedEvidence] = []) {
    self.upstream = upstream
    self.plugin = plugin
    self.catalog = catalog
    self.evidence = evidence
  }

  /// The matrix: catalogue models first (catalogue order), then architectures only the plugin
  /// registers.
  public func build() -> SupportMatrix {
    let rows = architectures.map(row)
    let served = Set(rows.map(\.architecture))
    let unserved = upstream.models.map(\.architecture).filter { !served.contains($0) }
    return SupportMatrix(revision: upstream.revision, plugin: plugin.revision, rows: rows, unservedUpstream: unserved)
  }

  /// The matrix's rows: catalogue models (catalogue order), then architectures only the plugin
  /// registers.
  public var architectures: [String] {
    let catalogArchitectures = catalog?.models.map(\.architecture) ?? []
    let listed = Set(catalogArchitectures)
    return catalogArchitectures + plugin.models.map(\.architecture).filter { !listed.contains($0) }
  }

  /// The row of one architecture.
  public func row(_ architecture: String) -> MatrixRow {
    let entry = catalog?[architecture]
    let upLookup = upstream.lookup(architecture)
    let up = upLookup?.facts
    let own = plugin.lookup(architecture)
    var servedBy = own?.facts
    var notes: [String] = []
    if let upLookup, upLookup.converted {
      notes.append("vLLM serves it by converting `\(upLookup.facts.architecture)`")
    }
    switch entry?.backend {
    case .mindformers?:
      if own == nil, let generic = plugin[mindformersArchitecture] {
        servedBy = generic
        notes.append("served through MindSpore Transformers (`\(mindformersArchitecture)`)")
      }
    case .vllm?:
      if own == nil, let up, let entry {
        servedBy = up
        notes.append("served by vLLM's own implementation (catalogue \(entry.location.file):\(entry.location.line))")
      }
    default:
      if let own, own.converted { notes.append("the plugin serves it by converting `\(own.facts.architecture)`") }
    }
    var modelCell = self.modelCell(architecture, up: up, plugin: servedBy, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    // Natively listed models the plugin does not register may still run through the
    // MindSpore Transformers backend, which decides at run time from its own model list.
    if entry?.backend == .native, own == nil, modelCell.state == .missing, let generic = plugin[mindformersArchitecture] {
      servedBy = generic
      modelCell = MatrixCell(
        column: "model", state: .partial,
        reasons: ["not registered natively; served only if MindSpore Transformers lists it at run time (`\(mindformersArchitecture)`)"],
        proof: modelCell.proof + [generic.registry.place])
    }
    var cells = [modelCell]
    for column in MatrixColumn.all.dropFirst() {
      var cell = featureCell(column, features: entry?.features, up: up, plugin: servedBy, model: modelCell.state)
      attachEvidence(to: &cell, architecture: architecture)
      cells.append(cell)
    }
    attachEvidence(to: &cells[0], architecture: architecture)
    return MatrixRow(architecture: architecture, family: entry?.family, backend: entry?.backend.rawValue, cells: cells)
  }

  func modelCell(_ architecture: String, up: ModelFacts?, plugin: ModelFacts?, note: String?) -> MatrixCell {
    guard let up else {
      if catalog?[architecture] == nil, let plugin {
        guard plugin.classFound else { return undefinedClass(plugin, proof: [plugin.registry.place]) }
        return MatrixCell(
          column: "model", state: .supported, reasons: ["a plugin-only architecture; vLLM has none of this name"],
          proof: [plugin.registry.place])
      }
      var reasons = ["vLLM \(upstream.revision) does not register `\(architecture)`"]
      let className = plugin?.className ?? architecture
      // A new name for the same class that neither the plugin nor the catalogue knows yet.
      if let renamed = upstream.models.first(where: {
        $0.className == className && $0.architecture != architecture && self.plugin[$0.architecture] == nil
          && catalog?[$0.architecture] == nil
      }) {
        reasons = ["renamed upstream to `\(renamed.architecture)` (\(renamed.registry.place))"]
      }
      return MatrixCell(column: "model", state: .upstreamGone, reasons: reasons, proof: plugin.map { [$0.registry.place] } ?? [])
    }
    guard let plugin else {
      return MatrixCell(
        column: "model", state: .missing, reasons: ["the plugin registers no `\(architecture)`"], proof: [up.registry.place])
    }
    let proof = up.registry == plugin.registry ? [up.registry.place] : [up.registry.place, plugin.registry.place]
    guard plugin.classFound else { return undefinedClass(plugin, proof: proof) }
    return MatrixCell(column: "model", state: .supported, reasons: note.map { [$0] } ?? [], proof: proof)
  }

  func undefinedClass(_ plugin: ModelFacts, proof: [String]) -> MatrixCell {
    MatrixCell(
      column: "model", state: .partial,
      reasons: ["the plugin registers `\(plugin.module).\(plugin.className)`, which is not defined"], proof: proof)
  }

  func featureCell(
    _ column: MatrixColumn, features: Set<ModelFeature>?, up: ModelFacts?, plugin: ModelFacts?, model: CellState
  ) -> MatrixCell {
    let names = Set(column.interfaces)
    let fields = Set(column.fields)
    let upInterfaces = up?.interfaces.filter { names.contains($0.name) } ?? []
    let upReads = up?.configReads.filter { fields.contains($0.name) } ?? []
    let applies: Bool
    switch column.kind {
    case .model: applies = true
    case .interface:
      applies = !upInterfaces.isEmpty || plugin?.interfaces.contains { names.contains($0.name) } == true
    case .config:
      applies = features.map { !$0.isDisjoint(with: column.features) } ?? !upReads.isEmpty
    }
    guard applies else { return MatrixCell(column: column.id, state: .notApplicable) }
    switch model {
    case .missing, .upstreamGone: return MatrixCell(column: column.id, state: model)
    default: break
    }
    // A registered class that is not defined fails on import: none of its features run.
    guard let plugin, plugin.classFound else { return MatrixCell(column: column.id, state: .missing) }
    switch column.kind {
    case .model:
      return MatrixCell(column: column.id, state: model)
    case .interface:
      let pluginInterfaces = plugin.interfaces.filter { names.contains($0.name) }
      if pluginInterfaces.isEmpty {
        return MatrixCell(
          column: column.id, state: .partial,
          reasons: upInterfaces.map { "upstream implements \($0.name); the plugin does not" },
          proof: upInterfaces.map(\.place) + [plugin.definition.place])
      }
      let reasons = upInterfaces.isEmpty ? ["the plugin implements \(pluginInterfaces[0].name); upstream does not"] : []
      return MatrixCell(
        column: column.id, state: .supported, reasons: reasons, proof: (upInterfaces + pluginInterfaces).map(\.place))
    case .config:
      if plugin.architecture == mindformersArchitecture, !upReads.isEmpty {
        return MatrixCell(
          column: column.id, state: .partial,
          reasons: ["delegated to MindSpore Transformers, which reads the config itself; upstream reads "
            + upReads.map { "`\($0.name)`" }.joined(separator: ", ") + " (not checked statically)"],
          proof: upReads.map(\.place) + [plugin.definition.place])
      }
      let pluginReads = plugin.configReads.filter { fields.contains($0.name) }
      let pluginNames = Set(pluginReads.map(\.name))
      let ignored = upReads.filter { !pluginNames.contains($0.name) }
      if !ignored.isEmpty {
        return MatrixCell(
          column: column.id, state: .partial,
          reasons: ignored.map { "upstream reads `\($0.name)`; the plugin ignores it" },
          proof: ignored.map(\.place) + [plugin.definition.place])
      }
      if pluginReads.isEmpty {
        return MatrixCell(
          column: column.id, state: .supported,
          reasons: ["neither side reads \(column.fields.map { "`\($0)`" }.joined(separator: ", "))"],
          proof: [plugin.definition.place])
      }
      return MatrixCell(column: column.id, state: .supported, proof: (upReads + pluginReads).map(\.place))
    }
  }

  func attachEvidence(to cell: inout MatrixCell, architecture: String) {
    for item in evidence where item.architecture == architecture && item.column == cell.column {
      var found = item.evidence
      found.isStale = found.revision.map { $0 != upstream.revision } ?? false
      cell.evidence.append(found)
      if !found.passed, !found.isStale, cell.state == .supported {
        cell.state = .partial
        cell.reasons.append("\(found.kind.rawValue) run `\(found.detail)` failed (\(found.source))")
      }
    }
  }
}
