import Foundation
import Testing
import _TestSupport

/// One release with a model registry, a plugin tree serving its model, and a catalogue.
struct MatrixFixture {
  let repo: URL
  let catalog: URL
  let plugin: URL
  let models: URL
  let work: URL

  init() throws {
    let llama = """
      class SupportsLoRA: ...
      class LlamaForCausalLM(SupportsLoRA):
          def __init__(self, config):
              self.heads = config.num_key_value_heads
      """
    repo = try makeGitRepo(versions: [
      (tag: "v0.1.0", files: [
        "vllm/__init__.py": "",
        "vllm/model_executor/models/__init__.py": "",
        "vllm/model_executor/models/registry.py": "_TEXT_GENERATION_MODELS = {\n    \"LlamaForCausalLM\": (\"llama\", \"LlamaForCausalLM\"),\n}\n",
        "vllm/model_executor/models/llama.py": llama,
      ])
    ])
    work = try temporaryDirectory()
    catalog = work.appendingPathComponent("upstream")
    try FileManager.default.createDirectory(at: catalog, withIntermediateDirectories: true)
    try "schema: 1\npackage-root: vllm/\ntag-pattern: \"v*\"\nreleases:\n  - v0.1.0\n"
      .write(to: catalog.appendingPathComponent("releases.yaml"), atomically: true, encoding: .utf8)
    plugin = work.appendingPathComponent("plugin")
    let models = plugin.appendingPathComponent("vllm_mindspore/model_executor/models")
    try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
    try "_NATIVE_MODELS = {\"LlamaForCausalLM\": (\"llama\", \"LlamaForCausalLM\")}\n"
      .write(to: models.appendingPathComponent("registry.py"), atomically: true, encoding: .utf8)
    try "class LlamaForCausalLM:\n    def __init__(self, config):\n        self.k = config.num_key_value_heads\n"
      .write(to: models.appendingPathComponent("llama.py"), atomically: true, encoding: .utf8)
    self.models = work.appendingPathComponent("models.yaml")
    try """
      schema: vmsync.models/1
      models:
        LlamaForCausalLM:
          family: llama
          checkpoints: [org/llama]
          backend: native
          task: generate
          sources: [https://example.org/a, https://example.org/b]
          config:
            hidden_size: 64
            num_hidden_layers: 4
            num_attention_heads: 8
            num_key_value_heads: 2
            intermediate_size: 128
            vocab_size: 1000
            rms_norm_eps: 1.0e-6
            hidden_act: silu
            rope_theta: 10000
      """.write(to: self.models, atomically: true, encoding: .utf8)
  }

  func matrix(_ extra: [String]) throws -> Run {
    try Run(["matrix", "--plugin", plugin.path, "--revision", "v0.1.0", "--catalog", models.path,
             "--upstream-dir", catalog.path] + extra)
  }
}

@Suite struct MatrixCommandTests {
  @Test func recordedFactsGiveTheSameMatrixOfflineAsTheRepository() throws {
    let f = try MatrixFixture()
    #expect(try Run(["upstream", "record", "--repo", f.repo.path, "--no-cache", "--upstream-dir", f.catalog.path]).status == 0)
    let record = try Run(["matrix", "record", "--repo", f.repo.path, "--no-cache", "--upstream-dir", f.catalog.path])
    #expect(record.status == 0, "\(record.stderr)")
    #expect(FileManager.default.fileExists(atPath: f.catalog.appendingPathComponent("models/v0.1.0.json").path))
    let offline = try f.matrix(["--format", "json"])
    let online = try f.matrix(["--format", "json", "--repo", f.repo.path, "--no-cache"])
    #expect(offline.status == 0, "\(offline.stderr)")
    #expect(offline.stdout == online.stdout)
    #expect(offline.stdout.contains("\"schema\" : \"vmsync.matrix/1\""))
    #expect(offline.stdout.contains("upstream implements SupportsLoRA; the plugin does not"))
    let diff = try Run([
      "matrix", "diff", "--from", "v0.1.0", "--plugin-from", f.plugin.path, "--to", "v0.1.0", "--plugin-to",
      f.plugin.path, "--catalog", f.models.path, "--upstream-dir", f.catalog.path,
    ])
    #expect(diff.status == 0)
    #expect(diff.stdout.contains("## Changed cells (0)"))
  }

  @Test func badEvidenceIsOneLineWithFileAndLineAndWritesNothing() throws {
    let f = try MatrixFixture()
    let xml = f.work.appendingPathComponent("run.xml")
    try "<testsuite>\n<testcase name='a'>\n</testsuite>\n".write(to: xml, atomically: true, encoding: .utf8)
    let rules = f.work.appendingPathComponent("evidence.yaml")
    try "schema: vmsync.evidence/1\nrules:\n  - match: x\n    architecture: LlamaForCausalLM\n"
      .write(to: rules, atomically: true, encoding: .utf8)
    let output = f.work.appendingPathComponent("matrix.md")
    let run = try f.matrix([
      "--repo", f.repo.path, "--no-cache", "--evidence", xml.path, "--evidence-map", rules.path, "-o", output.path,
    ])
    #expect(run.status == 2)
    #expect(run.stderr.contains("\(xml.path):3: error: malformed JUnit XML"))
    #expect(run.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: output.path))
    let missing = try f.matrix([])  // no recorded facts for the release
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("models/v0.1.0.json: error: no model facts for v0.1.0"))
  }
}
