import Foundation
import ModelCatalog
import Testing

/// `adapters/models.yaml` at the package root.
let shippedCatalogURL = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("adapters/models.yaml")

@Suite struct ShippedCatalogTests {
  let catalog: ModelCatalog

  init() throws {
    catalog = try ModelCatalog.load(from: shippedCatalogURL)
  }

  @Test func loadsAtLeastTwentyTwoModelsSorted() {
    #expect(catalog.models.count >= 22)
    let names = catalog.models.map(\.architecture)
    #expect(names == names.sorted())
  }

  @Test func everyModelHasTwoSourcesAndAConfigURL() {
    for model in catalog.models {
      #expect(model.sources.count >= 2, "\(model.architecture)")
      #expect(model.sources.contains { $0.hasSuffix("/config.json") }, "\(model.architecture)")
    }
  }

  @Test func everyRuleHoldsOnEveryModel() {
    for model in catalog.models {
      for rule in ConsistencyRule.allCases {
        #expect(rule.violation(in: model) == nil, "\(model.architecture) \(rule.rawValue)")
      }
    }
  }

  @Test func coversEveryNativelyRegisteredArchitecture() {
    let native = [
      "MiniCPMForCausalLM", "LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM", "InternLM2ForCausalLM",
      "InternLM3ForCausalLM", "Qwen2_5_VLForConditionalGeneration", "Qwen3MoeForCausalLM",
      "Qwen3VLForConditionalGeneration", "Qwen3VLMoeForConditionalGeneration", "Glm4vForConditionalGeneration",
      "Glm4ForCausalLM", "DeepseekV3ForCausalLM", "Glm4MoeForCausalLM",
    ]
    for name in native {
      #expect(catalog[name]?.backend == .native, "\(name)")
    }
    #expect(catalog["TeleChat2ForCausalLM"]?.backend == .mindformers)
    #expect(catalog["Qwen3Model"]?.task == .embed)
    #expect(catalog["Qwen3ForSequenceClassification"]?.task == .score)
  }

  @Test func deepSeekV3Features() throws {
    let model = try catalog.model("DeepseekV3ForCausalLM")
    #expect(model.features.isSuperset(of: [.mla, .moe, .moeGroupedTopk, .sharedExperts, .mtp, .ropeYarn]))
    #expect(!model.features.contains(.gqa))
    #expect(model.config.headDim == 192)
    #expect(model.moe?.isSparse(layer: 2) == false)
    #expect(model.moe?.isSparse(layer: 3) == true)
  }

  @Test func qwen25VLFeatures() throws {
    let model = try catalog.model("Qwen2_5_VLForConditionalGeneration")
    #expect(model.features.isSuperset(of: [.mrope, .vision, .gqa, .attentionBias]))
    #expect(!model.features.contains(.ropeDefault))
    #expect(model.config.headDim == 128)
  }

  @Test func gemma2Features() throws {
    let model = try catalog.model("Gemma2ForCausalLM")
    #expect(model.features.isSuperset(of: [.softcap, .slidingWindow, .tiedEmbeddings, .gqa]))
    let window = try #require(model.config.slidingWindow)
    #expect(window.isSliding(layer: 0))
    #expect(!window.isSliding(layer: 1))
  }

  @Test func otherKnownFeatures() throws {
    #expect(try catalog.model("LlamaForCausalLM").features.contains(.ropeLlama3))
    #expect(try catalog.model("Glm4ForCausalLM").features.contains(.partialRotary))
    #expect(try catalog.model("Qwen3ForCausalLM").features.contains(.qkNorm))
    #expect(try catalog.model("Gemma3ForCausalLM").features.contains(.mqa))
    #expect(try catalog.model("Gemma3ForConditionalGeneration").features.contains(.ropeLinear))
    #expect(try catalog.model("Qwen3Model").features.contains(.pooling))
    #expect(try catalog.model("Glm4MoeForCausalLM").features.isDisjoint(with: [.moeGroupedTopk]))
    #expect(try catalog.model("Qwen2MoeForCausalLM").features.isSuperset(of: [.moe, .sharedExperts]))
    #expect(try catalog.model("MiniCPMForCausalLM").config.scaleEmb == 12)
    #expect(try catalog.model("Qwen2MoeForCausalLM").moe?.hasSharedExpertGate == true)
    let glm4 = try catalog.model("Glm4ForCausalLM").config
    #expect(glm4.isRopeInterleaved && glm4.hasPostNorms && glm4.rotaryDim == 64)
    let gemma2 = try catalog.model("Gemma2ForCausalLM").config
    #expect(gemma2.hasPostNorms && gemma2.isNormUnitOffset && gemma2.scalesEmbeddingsBySqrtHidden)
    #expect(try catalog.model("DeepseekV3ForCausalLM").rotaryDim == 64)
  }
}
