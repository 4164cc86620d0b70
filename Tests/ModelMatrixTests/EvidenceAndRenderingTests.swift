import APIModel
import Foundation
import ModelMatrix
import Testing
import _TestSupport

@Suite struct EvidenceImportTests {
  let rulesText = """
    schema: vmsync.evidence/1
    rules:
      - match: 'tests\\.st\\.models\\.llama3\\..*'
        architecture: LlamaForCausalLM
      - match: 'test_lora'
        architecture: LlamaForCausalLM
        feature: lora
    """

  func write(_ text: String, name: String) throws -> String {
    let url = try temporaryDirectory().appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  @Test func junitCasesMapToModelAndFeatureWithRevisionAndLine() throws {
    let importer = try EvidenceImporter.loadRules(from: write(rulesText, name: "evidence.yaml"), known: ["LlamaForCausalLM"])
    let xml = try write("""
      <?xml version="1.0" encoding="utf-8"?>
      <testsuites><testsuite name="pytest" timestamp="2026-11-01T10:00:00">
        <properties><property name="vllm_revision" value="v0.9.1"/></properties>
        <testcase classname="tests.st.models.llama3.test_vllm_llama3" name="test_generate"/>
        <testcase classname="tests.st.models.llama3.test_vllm_llama3" name="test_lora">
          <failure message="mismatch">boom</failure>
        </testcase>
        <testcase classname="tests.st.other" name="test_unrelated"/>
      </testsuite></testsuites>
      """, name: "run.xml")
    let found = try importer.evidence(inJUnit: xml, revision: nil)
    #expect(found.map(\.column) == ["model", "model", "lora"])
    #expect(found[0].evidence.passed && !found[1].evidence.passed)
    #expect(found[0].evidence.revision == "v0.9.1")
    #expect(found[0].evidence.date == "2026-11-01T10:00:00")
    #expect(found[0].evidence.source == "\(xml):4")
  }

  @Test func revisionFallsBackToTheFlag() throws {
    let importer = try EvidenceImporter.loadRules(from: write(rulesText, name: "e.yaml"), known: ["LlamaForCausalLM"])
    let xml = try write("<testsuite><testcase classname='tests.st.models.llama3.t' name='a'/></testsuite>", name: "r.xml")
    #expect(try importer.evidence(inJUnit: xml, revision: "v0.11.0").first?.evidence.revision == "v0.11.0")
  }

  @Test func malformedXMLNamesFileAndLine() throws {
    let importer = try EvidenceImporter.loadRules(from: write(rulesText, name: "e.yaml"), known: ["LlamaForCausalLM"])
    let xml = try write("<testsuite>\n<testcase name='a'>\n</testsuite>\n", name: "bad.xml")
    let error = #expect(throws: MatrixError.self) { try importer.evidence(inJUnit: xml, revision: nil) }
    #expect(error?.description.hasPrefix("\(xml):3: error: malformed JUnit XML") == true)
    let notJUnit = try write("<html/>", name: "page.xml")
    let other = #expect(throws: MatrixError.self) { try importer.evidence(inJUnit: notJUnit, revision: nil) }
    #expect(other?.description.contains("no <testsuite> element") == true)
  }

  @Test func badRulesNameFileAndLine() throws {
    let unknown = try write("schema: vmsync.evidence/1\nrules:\n  - match: x\n    architecture: NopeForCausalLM\n", name: "a.yaml")
    let e1 = #expect(throws: MatrixError.self) { try EvidenceImporter.loadRules(from: unknown, known: ["LlamaForCausalLM"]) }
    #expect(e1 == .unknownArchitecture("NopeForCausalLM", at: SourceLocation(file: unknown, line: 4)))
    let feature = try write(
      "schema: vmsync.evidence/1\nrules:\n  - match: x\n    architecture: LlamaForCausalLM\n    feature: warp\n",
      name: "b.yaml")
    let e2 = #expect(throws: MatrixError.self) { try EvidenceImporter.loadRules(from: feature, known: ["LlamaForCausalLM"]) }
    #expect(e2 == .unknownFeature("warp", at: SourceLocation(file: feature, line: 5)))
    #expect(e2?.description.hasPrefix("\(feature):5: error: unknown feature 'warp' (known: model, pp,") == true)
    let regex = try write("schema: vmsync.evidence/1\nrules:\n  - match: '('\n    architecture: LlamaForCausalLM\n", name: "c.yaml")
    let e3 = #expect(throws: MatrixError.self) { try EvidenceImporter.loadRules(from: regex, known: ["LlamaForCausalLM"]) }
    #expect(e3?.description == "\(regex):3: error: 'match' is not a valid regular expression")
  }

  @Test func numericResultsFileIsValidated() throws {
    let good = try write(
      #"{"schema":"vmsync.parity-models/1","revision":"v1","results":[{"architecture":"A","dtype":"float16","passed":true,"features":[]}]}"#,
      name: "n.json")
    #expect(try NumericResults.load(from: good).results.count == 1)
    let wrong = try write(#"{"schema":"vmsync.parity-models/9","results":[]}"#, name: "w.json")
    #expect(throws: MatrixError.self) { try NumericResults.load(from: wrong) }
    let broken = try write("{", name: "b.json")
    let error = #expect(throws: MatrixError.self) { try NumericResults.load(from: broken) }
    #expect(error?.description.hasPrefix("\(broken):1: error: not a vmsync.parity-models/1 file") == true)
  }
}

@Suite struct RenderingTests {
  func tricky() -> SupportMatrix {
    let cell = MatrixCell(
      column: "model", state: .partial, reasons: ["upstream reads `a|b`; <script>alert(1)</script> & *more*"],
      proof: ["x.py:1"])
    let row = MatrixRow(
      architecture: "Evil<ForCausalLM>", family: "f|g", backend: "native",
      cells: [cell] + MatrixColumn.all.dropFirst().map { MatrixCell(column: $0.id, state: .notApplicable) })
    return SupportMatrix(revision: "v1", plugin: "p<&>", rows: [row], unservedUpstream: ["X"])
  }

  @Test func markdownEscapesTableBreakersAndKeepsCodeSpans() {
    let text = tricky().markdown()
    #expect(text.contains("| f\\|g |"))
    #expect(text.contains("`a\\|b`"))
    #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*more\\*"))
    #expect(!text.contains("<script>"))
    #expect(text.contains("**Legend:**"))
    #expect(text.contains("🟡[^1]"))
    #expect(text.contains("proof: `x.py:1`"))
  }

  @Test func htmlEscapesEverythingAndNeedsNoNetwork() {
    let page = tricky().html()
    #expect(!page.contains("<script>alert"))
    #expect(page.contains("Evil&lt;ForCausalLM&gt;"))
    #expect(page.contains("p&lt;&amp;&gt;"))
    #expect(!page.contains("http://") && !page.contains("https://"))
    #expect(page.contains("addEventListener('click'"))  // sorting
    #expect(page.contains("id=\"f\""))  // filtering
  }

  @Test func jsonCarriesTheSchemaFields() throws {
    let object = try JSONSerialization.jsonObject(with: Data(tricky().json().utf8)) as? [String: Any]
    let json = try #require(object)
    #expect(json["schema"] as? String == "vmsync.matrix/1")
    #expect(Set(json.keys) == ["schema", "revision", "plugin", "columns", "rows", "unserved_upstream"])
    let row = try #require((json["rows"] as? [[String: Any]])?.first)
    #expect(Set(row.keys) == ["architecture", "family", "backend", "state", "cells"])
    let cell = try #require((row["cells"] as? [[String: Any]])?.first)
    #expect(Set(cell.keys) == ["column", "state", "reasons", "proof", "evidence"])
    #expect(cell["state"] as? String == "partial")
    let columns = try #require(json["columns"] as? [[String: Any]])
    #expect(columns.count == MatrixColumn.all.count)
    #expect(columns.first?["kind"] as? String == "model")
    let decoded = try JSONDecoder().decode(SupportMatrix.self, from: Data(tricky().json().utf8))
    #expect(decoded == tricky())
  }

  @Test func diffRendersAddedLostAndChanged() throws {
    let old = tricky()
    var new = tricky()
    new.rows[0].cells[0].state = .supported
    new.rows[0].state = .supported
    let diff = MatrixDiff(from: old, to: new)
    #expect(diff.changes.map(\.column) == ["model"])
    #expect(diff.added.isEmpty && diff.lost.isEmpty)
    let text = diff.markdown()
    #expect(text.contains("| `Evil<ForCausalLM>` | Model | 🟡 | ✅ |"))
    #expect(text.contains("## Upstream architectures the plugin does not serve yet (1)"))
    #expect(!diff.html().contains("<ForCausalLM>"))
    #expect(diff.json().contains("\"schema\" : \"vmsync.matrix-diff/1\""))
  }
}

@Suite struct ScannerTests {
  @Test func registryLiteralsSkipComprehensionsAndSplats() {
    let surface = ModuleSurface(
      module: "r", file: "r.py",
      symbols: [
        Symbol(path: "r", kind: .module, file: "r.py", line: 1),
        Symbol(
          path: "r._M", kind: .attribute, file: "r.py", line: 1,
          value: #"{"A":("a","A"),**{k:v for k,v in X.items()},"B":('b','B'),"C":make(),"D":("d","D",),}"#),
        Symbol(path: "r._L", kind: .attribute, file: "r.py", line: 9, value: #"["A"]"#),
      ])
    let entries = RegistryTable.entries(of: surface, source: nil)
    #expect(entries.map(\.architecture) == ["A", "B", "D"])
    #expect(entries.map(\.className) == ["A", "B", "D"])
  }

  @Test func configReadSpellings() {
    let source = """
      x = config.hidden_size
      y = self.config.rope_theta
      z = getattr(config, "sliding_window", None)
      w = getattr(self.hf_config, 'n_group')
      v = hasattr(text_config, "vision_config")
      # config.commented
      u = config.get_text_config().num_experts
      t = myconfig.not_this
      """
    let reads = ConfigReadScanner.reads(in: Array(source.utf8))
    #expect(reads.map(\.field) == ["hidden_size", "rope_theta", "sliding_window", "n_group", "vision_config"])
    #expect(reads.map(\.line) == [1, 2, 3, 4, 5])
  }
}
