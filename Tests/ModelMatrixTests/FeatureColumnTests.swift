import ModelMatrix
import Testing

/// Every feature column on hand-made facts: one architecture, upstream has the feature.
@Suite struct FeatureColumnTests {
  func facts(_ side: String, interfaces: [String] = [], reads: [String] = []) -> ModelFactsFile {
    let file = "\(side)/model.py"
    let model = ModelFacts(
      architecture: "XForCausalLM", module: "\(side).model", className: "XForCausalLM",
      registry: Fact(name: "XForCausalLM", file: "\(side)/registry.py", line: 1),
      definition: Fact(name: "XForCausalLM", file: file, line: 2), classFound: true,
      interfaces: interfaces.map { Fact(name: $0, file: file, line: 2) },
      configReads: reads.enumerated().map { Fact(name: $1, file: file, line: 10 + $0) })
    return ModelFactsFile(revision: side == "up" ? "v1" : "plugin", models: [model])
  }

  func cell(_ column: MatrixColumn, upstream: ModelFactsFile, plugin: ModelFactsFile) -> MatrixCell? {
    MatrixBuilder(upstream: upstream, plugin: plugin, catalog: nil).build()["XForCausalLM"]?[column.id]
  }

  @Test(arguments: MatrixColumn.all.filter { $0.kind == .interface })
  func interfaceColumn(_ column: MatrixColumn) throws {
    let name = column.interfaces[0]
    let partial = try #require(cell(column, upstream: facts("up", interfaces: [name]), plugin: facts("pl")))
    #expect(partial.state == .partial)
    #expect(partial.reasons == ["upstream implements \(name); the plugin does not"])
    #expect(partial.proof == ["up/model.py:2", "pl/model.py:2"])
    let both = cell(column, upstream: facts("up", interfaces: [name]), plugin: facts("pl", interfaces: [name]))
    #expect(both?.state == .supported)
    #expect(cell(column, upstream: facts("up"), plugin: facts("pl"))?.state == .notApplicable)
  }

  @Test(arguments: MatrixColumn.all.filter { $0.kind == .config })
  func configColumn(_ column: MatrixColumn) throws {
    let field = column.fields.last ?? ""
    let partial = try #require(cell(column, upstream: facts("up", reads: [field]), plugin: facts("pl")))
    #expect(partial.state == .partial)
    #expect(partial.reasons == ["upstream reads `\(field)`; the plugin ignores it"])
    #expect(partial.proof == ["up/model.py:10", "pl/model.py:2"])
    let both = cell(column, upstream: facts("up", reads: [field]), plugin: facts("pl", reads: [field]))
    #expect(both?.state == .supported)
    #expect(both?.proof == ["up/model.py:10", "pl/model.py:10"])
    #expect(cell(column, upstream: facts("up", reads: ["hidden_size"]), plugin: facts("pl"))?.state == .notApplicable)
  }
}
