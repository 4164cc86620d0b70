import Foundation
import ModelCatalog
import OpReference
import Testing

@testable import ModelParity

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
private let adapters = root.appendingPathComponent("adapters").path

private func catalog() throws -> ModelCatalog {
  try ModelCatalog.load(from: URL(fileURLWithPath: adapters).appendingPathComponent("models.yaml"))
}

/// A copy of the shipped adapters with `old` replaced by `new` in `revision`'s ops.yaml.
private func brokenAdapters(_ revision: String, replacing old: String, with new: String) throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("model-parity-\(UUID().uuidString)")
  try FileManager.default.copyItem(at: URL(fileURLWithPath: adapters), to: directory)
  let file = directory.appendingPathComponent("\(revision)/ops.yaml")
  let text = try String(contentsOf: file, encoding: .utf8)
  #expect(text.contains(old))
  try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
  return directory.path
}

@Test func qwen3PassesForBothShippedRevisions() throws {
  for revision in ["v0.9.1", "v0.11.0"] {
    let report = try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog())
      .run(revision: revision, models: ["Qwen3ForCausalLM"], dtypes: [.float32, .bfloat16])
    for result in report.results {
      #expect(result.passed, "\(revision) \(result.dtype): \(result)")
      #expect(result.greedyAgreement == result.greedyTotal)
      #expect(result.features.contains("qk-norm"))
      #expect(result.features.contains("gqa"))
    }
  }
}

@Test func swappedRotaryModeFailsTheModels() throws {
  let directory = try brokenAdapters("v0.9.1", replacing: "{if: is_neox, then: 0, else: 1}", with: "{if: is_neox, then: 1, else: 0}")
  let report = try ModelParityRunner(adaptersDirectory: directory, catalog: catalog())
    .run(revision: "v0.9.1", models: ["Qwen3ForCausalLM"], dtypes: [.float32])
  #expect(!report.passed)
  #expect(report.renderMarkdown().contains("FAIL"))
}

@Test func skippedQKNormOnOneSideFails() throws {
  let report = try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog(), defect: .skipQKNorm)
    .run(revision: "v0.11.0", models: ["Qwen3ForCausalLM"], dtypes: [.float32])
  #expect(!report.passed)
}

@Test func roundRobinGQAGroupingFails() throws {
  let report = try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog(), defect: .interleavedGQA)
    .run(revision: "v0.11.0", models: ["Qwen3ForCausalLM"], dtypes: [.float32])
  #expect(!report.passed)
}

@Test func unknownArchitectureAndDTypeAreErrors() throws {
  #expect(throws: ModelParityError.self) {
    try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog()).run(revision: "v0.11.0", models: ["NoSuchModel"])
  }
  #expect(throws: ModelParityError.unknownDType("fp8")) { try ModelParityRunner.dtype(named: "fp8") }
}

@Test func sigmoidInsteadOfSoftmaxGatingFailsOnlyTheModelsRoutingThroughIt() throws {
  let directory = try brokenAdapters(
    "v0.11.0", replacing: "- call: softmax\n        when: [not e_score_correction_bias, scoring_func == softmax]\n        args: {input: gating_output, axis: -1}",
    with: "- call: sigmoid\n        when: [not e_score_correction_bias, scoring_func == softmax]\n        args: {input: gating_output}")
  let report = try ModelParityRunner(adaptersDirectory: directory, catalog: catalog())
    .run(revision: "v0.11.0", models: ["DeepseekV2ForCausalLM", "Qwen3MoeForCausalLM"], dtypes: [.float32])
  let passed = Dictionary(uniqueKeysWithValues: report.results.map { ($0.architecture, $0.passed) })
  #expect(passed["DeepseekV2ForCausalLM"] == false)
  #expect(passed["Qwen3MoeForCausalLM"] == true)
  #expect(report.results.first { $0.architecture == "DeepseekV2ForCausalLM" }?.routing?.withinTolerance == false)
}

@Test func featureColumnsFollowTheCatalogue() throws {
  let catalog = try catalog()
  let expectations: [(String, [String])] = [
    ("DeepseekV3ForCausalLM", ["mla", "rope-yarn", "moe-sigmoid", "moe-grouped-topk", "shared-experts", "mtp"]),
    ("LlamaForCausalLM", ["gqa", "rope-llama3", "int8"]),
    ("Gemma2ForCausalLM", ["sliding-window", "softcap"]),
    ("Gemma3ForCausalLM", ["mqa", "qk-norm", "sliding-window"]),
    ("Qwen3VLForConditionalGeneration", ["mrope", "vision"]),
    ("Qwen2MoeForCausalLM", ["mha", "moe-softmax", "shared-experts"]),
  ]
  for (architecture, features) in expectations {
    let entry = try #require(catalog[architecture])
    let model = ScaledModel(entry, int8: architecture == "LlamaForCausalLM")
    for feature in features { #expect(model.features.contains(feature), "\(architecture) lacks \(feature)") }
  }
  let report = try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog)
    .run(revision: "v0.11.0", models: ["Gemma2ForCausalLM"], dtypes: [.float32])
  #expect(report.passed)
  #expect(report.renderMarkdown().contains("| Gemma2ForCausalLM | float32 | pass |"))
}

@Test func scaledModelsKeepHeadDimGroupingAndRouting() throws {
  let catalog = try catalog()
  for entry in catalog.models {
    let model = ScaledModel(entry, int8: false)
    #expect(model.headDim == entry.config.headDim)
    if entry.mla == nil, entry.config.numKeyValueHeads > 1, entry.config.numKeyValueHeads < entry.config.numAttentionHeads {
      #expect(model.heads / model.kvHeads == entry.config.numAttentionHeads / entry.config.numKeyValueHeads)
      #expect(model.kvHeads == 2)
    }
    if let moe = entry.moe, let routing = model.routing {
      #expect(routing.topk == moe.numExpertsPerTok)
      #expect(routing.groups == moe.nGroup && routing.topkGroup == moe.topkGroup)
      #expect(routing.experts <= 16 && routing.experts % routing.groups == 0)
      #expect(model.layers.contains { $0.isSparse })
    }
    #expect(model.vocab <= 512)
  }
}

@Test func jsonReportCarriesTheSchema() throws {
  let report = try ModelParityRunner(adaptersDirectory: adapters, catalog: catalog())
    .run(revision: "v0.11.0", models: ["Qwen2ForCausalLM"], dtypes: [.bfloat16])
  let json = try report.renderJSON()
  #expect(json.contains("\"schema\" : \"vmsync.parity-models\\/1\""))
  #expect(json.contains("\"greedyTotal\" : 15"))
}
