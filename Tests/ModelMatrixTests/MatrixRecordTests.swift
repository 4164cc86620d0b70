import Foundation
import ModelMatrix
import Testing
import _TestSupport

/// Reading a rendered matrix back, and the record a matrix is regenerated from.
@Suite struct MatrixRecordTests {
  func matrix() throws -> (SupportMatrix, ModelFactsFile) {
    let (upstream, snapshot) = try upstreamFacts(repo: fixtureRepo(), tag: "v1")
    let plugin = try pluginFacts(pluginFilesV1, upstream: snapshot)
    let evidence = [
      MappedEvidence(
        architecture: "LlamaForCausalLM", column: "model",
        evidence: Evidence(kind: .numeric, passed: true, detail: "bfloat16", revision: "v1", date: nil, source: "run"))
    ]
    return (MatrixBuilder(upstream: upstream, plugin: plugin, catalog: try fixtureCatalog(), evidence: evidence).build(), plugin)
  }

  @Test func renderedRowsReadBackAsTheirCellsWithFootnotes() throws {
    let (matrix, _) = try matrix()
    let text = matrix.markdown()
    let parsed = MatrixMarkdown(text)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for row in matrix.rows {
      let found = try #require(parsed.rows[row.architecture])
      #expect(lines[found.line - 1].hasPrefix("| `\(row.architecture)`"))
      let expected = matrix.markdownCells(of: row)
      for (title, cell) in found.cells { #expect(cell == expected[title], "\(row.architecture) \(title)") }
    }
    #expect(parsed.frame.first == "# Model support matrix: \(matrix.plugin) on vLLM v1")
    #expect(!parsed.frame.contains { $0.hasPrefix("[^") })
    // A footnote renumbered by an earlier row does not change a row's cells.
    let llama = try #require(parsed.rows["LlamaForCausalLM"])
    #expect(llama.cells["Model"]?.note?.contains("numeric `bfloat16` passed") == true)
  }

  @Test func recordRoundTripsAndReplacesOnlyTheRerunNumericEvidence() throws {
    let (_, plugin) = try matrix()
    let device = MappedEvidence(
      architecture: "LlamaForCausalLM", column: "model",
      evidence: Evidence(kind: .device, passed: true, detail: "t", revision: "v1", date: nil, source: "run.xml:3"))
    let numeric = MappedEvidence(
      architecture: "LlamaForCausalLM", column: "model",
      evidence: Evidence(
        kind: .numeric, passed: true, detail: "bfloat16", revision: "v1", date: nil, source: MatrixRecord.numericSource("v1")))
    let record = MatrixRecord(revision: "v1", plugin: plugin, evidence: [numeric, device], numeric: true)
    let file = try temporaryDirectory().appendingPathComponent("m.record.json")
    try record.encoded().write(to: file)
    #expect(try MatrixRecord.load(from: file.path) == record)
    var failed = numeric
    failed.evidence.passed = false
    #expect(record.evidence(replacingNumeric: [failed]) == [device, failed])
    #expect(record.evidence(replacingNumeric: nil) == record.evidence)
  }

  @Test func badRecordNamesTheFile() throws {
    let file = try temporaryDirectory().appendingPathComponent("bad.json")
    try Data(#"{"schema": "vmsync.matrix-record/9"}"#.utf8).write(to: file)
    #expect(throws: MatrixError.self) { try MatrixRecord.load(from: file.path) }
    do {
      _ = try MatrixRecord.load(from: file.path)
    } catch {
      #expect(error.description.hasPrefix("\(file.path):1: error:"))
    }
  }
}
