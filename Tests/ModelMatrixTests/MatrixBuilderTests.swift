import APIModel
import Foundation
import ModelCatalog
import ModelMatrix
import Testing
import _TestSupport

@Suite struct MatrixBuilderTests {
  func matrix(tag: String = "v1", plugin: [String: String] = pluginFilesV1, evidence: [MappedEvidence] = [])
    throws -> SupportMatrix
  {
    let (upstream, snapshot) = try upstreamFacts(repo: fixtureRepo(), tag: tag)
    let facts = try pluginFacts(plugin, upstream: snapshot)
    return MatrixBuilder(upstream: upstream, plugin: facts, catalog: try fixtureCatalog(), evidence: evidence).build()
  }

  @Test func registryDictsBecomeEntriesWithTheirOwnLines() throws {
    let (facts, _) = try upstreamFacts(repo: fixtureRepo(), tag: "v1")
    #expect(facts.models.map(\.architecture) == ["EmbedModel", "LlamaForCausalLM", "MoeForCausalLM", "OldForCausalLM"])
    let llama = try #require(facts["LlamaForCausalLM"])
    #expect(llama.registry.place == "vllm/model_executor/models/registry.py:3")
    #expect(llama.module == "vllm.model_executor.models.llama")
    #expect(llama.definition.place == "vllm/model_executor/models/llama.py:7")
    #expect(facts["OldForCausalLM"]?.className == "LlamaForCausalLM")
  }

  @Test func interfacesComeThroughResolvedBasesAndClassFlags() throws {
    let (facts, _) = try upstreamFacts(repo: fixtureRepo(), tag: "v1")
    #expect(facts["LlamaForCausalLM"]?.interfaces.map(\.name) == ["SupportsLoRA", "SupportsPP"])
    // MixtureOfExperts through a base written as `interfaces.MixtureOfExperts`, plus a class flag.
    #expect(facts["MoeForCausalLM"]?.interfaces.map(\.name) == ["supports_quant", "MixtureOfExperts"])
    #expect(facts["EmbedModel"]?.interfaces.map(\.name) == ["VllmModelForPooling"])
  }

  @Test func configReadsFollowBasesInThePackageAndSkipCommentsAndCalls() throws {
    let (facts, _) = try upstreamFacts(repo: fixtureRepo(), tag: "v1")
    let llama = try #require(facts["LlamaForCausalLM"])
    #expect(llama.configReads.map(\.name) == ["num_key_value_heads", "rope_scaling", "tie_word_embeddings"])
    #expect(llama.configReads[1].place == "vllm/model_executor/models/llama.py:6")
    #expect(facts["MoeForCausalLM"]?.configReads.map(\.name) == ["num_experts"])
  }

  @Test func eachCellState() throws {
    let m = try matrix()
    // supported: registered on both sides, class found.
    #expect(m["LlamaForCausalLM"]?["model"]?.state == .supported)
    // partial with reason: upstream implements SupportsLoRA, the plugin does not.
    let lora = try #require(m["LlamaForCausalLM"]?["lora"])
    #expect(lora.state == .partial)
    #expect(lora.reasons == ["upstream implements SupportsLoRA; the plugin does not"])
    #expect(lora.proof.contains("vllm/model_executor/models/llama.py:7"))
    // partial with reason: upstream reads rope_scaling, the plugin ignores it.
    let rope = try #require(m["LlamaForCausalLM"]?["rope-scaling"])
    #expect(rope.state == .partial)
    #expect(rope.reasons == ["upstream reads `rope_scaling`; the plugin ignores it"])
    #expect(rope.proof.first == "vllm/model_executor/models/llama.py:6")
    // upstream-gone: a catalogue model vLLM does not register.
    #expect(m["AbsentForCausalLM"]?["model"]?.state == .upstreamGone)
    #expect(m["AbsentForCausalLM"]?["model"]?.reasons == ["vLLM v1 does not register `AbsentForCausalLM`"])
    // A plugin-only registration whose class does not exist is partial.
    #expect(m["GhostForCausalLM"]?["model"]?.state == .partial)
  }

  @Test func missingWhenThePluginDoesNotRegisterAnUpstreamModel() throws {
    var plugin = pluginFilesV1
    plugin["vllm_mindspore/model_executor/models/registry.py"] = """
      _NATIVE_MODELS = {"MoeForCausalLM": ("moe", "MoeForCausalLM")}
      """
    let m = try matrix(plugin: plugin)
    let cell = try #require(m["LlamaForCausalLM"]?["model"])
    #expect(cell.state == .missing)
    #expect(cell.reasons == ["the plugin registers no `LlamaForCausalLM`"])
    #expect(cell.proof == ["vllm/model_executor/models/registry.py:3"])
    #expect(m["LlamaForCausalLM"]?["gqa"]?.state == .missing)
    #expect(m.unservedUpstream == ["EmbedModel"])
  }

  @Test func eachFeatureColumnKind() throws {
    let m = try matrix()
    let llama = try #require(m["LlamaForCausalLM"])
    #expect(llama["pp"]?.state == .supported)  // interface on both sides
    #expect(llama["gqa"]?.state == .supported)  // `self.config.num_key_value_heads` in the plugin
    #expect(llama["tied-embeddings"]?.state == .supported)
    #expect(llama["moe"]?.state == .notApplicable)  // not a catalogue feature of the model
    // Plugin rows without a catalogue entry: columns apply by upstream reads and interfaces;
    // the plugin class inherits upstream's, so interfaces come through vLLM's bases.
    let moe = try #require(m["MoeForCausalLM"])
    #expect(moe["eplb"]?.state == .supported)
    #expect(moe["quant"]?.state == .supported)
    #expect(moe["moe"]?.state == .supported)
    #expect(moe["mla"]?.state == .notApplicable)
    var plugin = pluginFilesV1
    plugin["vllm_mindspore/model_executor/models/ghost.py"] = "class GhostForCausalLM: ...\n"
    let ghost = try #require(try matrix(plugin: plugin)["GhostForCausalLM"]?["model"])
    #expect(ghost.state == .supported)
    #expect(ghost.reasons == ["a plugin-only architecture; vLLM has none of this name"])
  }

  @Test func undefinedRegisteredClassIsPartial() throws {
    var plugin = pluginFilesV1
    plugin["vllm_mindspore/model_executor/models/registry.py"] = """
      _NATIVE_MODELS = {"LlamaForCausalLM": ("llama3", "LlamaForCausalLM")}
      """
    let cell = try #require(try matrix(plugin: plugin)["LlamaForCausalLM"]?["model"])
    #expect(cell.state == .partial)
    #expect(cell.reasons == ["the plugin registers `vllm_mindspore.model_executor.models.llama3.LlamaForCausalLM`, which is not defined"])
    #expect(try matrix(plugin: plugin)["LlamaForCausalLM"]?["pp"]?.state == .missing)
  }

  @Test func renamedAndRemovedArchitectures() throws {
    let m = try matrix(tag: "v2")
    let renamed = try #require(m["OldForCausalLM"]?["model"])
    #expect(renamed.state == .upstreamGone)
    #expect(renamed.reasons == ["renamed upstream to `NewForCausalLM` (vllm/model_executor/models/registry.py:4)"])
    #expect(m["OldForCausalLM"]?["lora"]?.state == .notApplicable)  // no upstream facts: interfaces do not apply
    #expect(m["OldForCausalLM"]?["rope-scaling"]?.state == .upstreamGone)
    let v1 = try matrix(tag: "v1")
    let diff = MatrixDiff(from: v1, to: m)
    #expect(diff.lost == ["OldForCausalLM"])
    #expect(diff.changes.contains { $0.architecture == "OldForCausalLM" && $0.column == "model" && $0.to == .upstreamGone })
    #expect(diff.unservedUpstream == ["NewForCausalLM"])
    #expect(MatrixDiff(from: v1, to: v1).changes.isEmpty)
  }

  @Test func evidenceMarksProofAndStaleness() throws {
    func run(_ revision: String, passed: Bool) -> MappedEvidence {
      MappedEvidence(
        architecture: "LlamaForCausalLM", column: "model",
        evidence: Evidence(kind: .device, passed: passed, detail: "t", revision: revision, date: nil, source: "r.xml:3"))
    }
    let current = try matrix(evidence: [run("v1", passed: true)])
    #expect(current["LlamaForCausalLM"]?["model"]?.evidence.first?.isStale == false)
    let stale = try matrix(evidence: [run("v0", passed: false)])
    let cell = try #require(stale["LlamaForCausalLM"]?["model"])
    #expect(cell.evidence.first?.isStale == true)
    #expect(cell.state == .supported)  // a stale failure does not downgrade
    #expect(stale.markdown().contains("✅ᴰˢ"))
    let failed = try matrix(evidence: [run("v1", passed: false)])
    #expect(failed["LlamaForCausalLM"]?["model"]?.state == .partial)
    #expect(failed["LlamaForCausalLM"]?["model"]?.reasons.last == "device run `t` failed (r.xml:3)")
  }

  @Test func numericResultsMapToColumns() throws {
    let results = NumericResults(revision: "v1", results: [
      .init(architecture: "LlamaForCausalLM", dtype: "bfloat16", passed: true, features: ["rope-linear", "gqa"])
    ])
    let known: Set<String> = ["LlamaForCausalLM"]
    let m = try matrix(evidence: results.evidence(source: "parity.json", known: known))
    let row = try #require(m["LlamaForCausalLM"])
    #expect(row["model"]?.evidence.map(\.kind) == [.numeric])
    #expect(row["rope-scaling"]?.evidence.first?.detail == "bfloat16")
    #expect(row["gqa"]?.evidence.count == 1)
    #expect(m.markdown().contains("✅ᴺ"))
    let unknown = NumericResults(revision: "v1", results: [.init(architecture: "X", dtype: "f", passed: true, features: [])])
    #expect(throws: MatrixError.unknownArchitecture("X", at: SourceLocation(file: "p.json", line: 1))) {
      try unknown.evidence(source: "p.json", known: known)
    }
    // Parity features map to columns by id, catalogue feature or alias; the rest prove the model only.
    let features = NumericResults(revision: "v1", results: [
      .init(architecture: "LlamaForCausalLM", dtype: "f", passed: true, features: ["mha", "moe-sigmoid", "int8", "mla"])
    ])
    #expect(try features.evidence(source: "p.json", known: known).map(\.column) == ["model", "moe", "quant", "mla"])
  }
}

@Suite struct RegistryLayoutTests {
  @Test func absoluteModuleNamesAndTrailingCommasResolve() throws {
    let registry = """
      _TEXT_GENERATION_MODELS = {
          "BeamForCausalLM": (
              "vllm.models.beam",
              "BeamForCausalLM",
          ),
      }
      """
    let repo = try makeGitRepo(versions: [
      (tag: "v9", files: upstreamFiles(registry: registry, extra: [
        "vllm/models/__init__.py": "",
        "vllm/models/beam.py": """
          from vllm.model_executor.models.interfaces import SupportsPP
          class BeamForCausalLM(SupportsPP):
              def __init__(self, config):
                  self.w = config.sliding_window
          """,
      ]))
    ])
    let (facts, _) = try upstreamFacts(repo: repo, tag: "v9")
    let beam = try #require(facts["BeamForCausalLM"])
    #expect(beam.classFound)
    #expect(beam.registry.line == 2)
    #expect(beam.interfaces.map(\.name) == ["SupportsPP"])
    #expect(beam.configReads.map(\.place) == ["vllm/models/beam.py:4"])
  }
}
