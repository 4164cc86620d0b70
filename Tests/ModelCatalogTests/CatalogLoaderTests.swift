import APIModel
import Foundation
import ModelCatalog
import Testing

/// A one-model catalogue whose `config` (and optional extra sections) can be replaced per case.
func catalogText(config: String = baseConfig, extra: String = "", task: String = "generate") -> String {
  """
  schema: vmsync.models/1
  models:
    TestForCausalLM:
      family: test
      checkpoints: [org/test-1b]
      backend: native
      task: \(task)
      sources:
        - https://example.org/org/test-1b/config.json
        - https://example.org/paper
      config:
  \(config.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
  \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
  """
}

let baseConfig = """
  hidden_size: 64
  num_hidden_layers: 4
  num_attention_heads: 8
  num_key_value_heads: 2
  intermediate_size: 128
  vocab_size: 1000
  rms_norm_eps: 1.0e-6
  hidden_act: silu
  rope_theta: 10000
  """

/// Writes `text` to a fresh temporary file and loads it.
func loadFixture(_ text: String) throws(CatalogError) -> ModelCatalog {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let url = directory.appendingPathComponent("models.yaml")
  try? text.write(to: url, atomically: true, encoding: .utf8)
  return try ModelCatalog.load(from: url)
}

/// The error a fixture raises, or `nil` when it loads.
func loadError(_ text: String) -> CatalogError? {
  do {
    _ = try loadFixture(text)
    return nil
  } catch {
    return error
  }
}

@Suite struct CatalogLoaderTests {
  @Test func minimalEntryLoadsWithDerivedValues() throws {
    let catalog = try loadFixture(catalogText())
    let model = try catalog.model("TestForCausalLM")
    #expect(model.config.headDim == 8)
    #expect(!model.config.isHeadDimExplicit)
    #expect(model.config.rotaryDim == 8)
    #expect(model.config.norm == Normalization(kind: .rms, epsilon: 1e-6))
    #expect(model.features == [.gqa, .ropeDefault])
    #expect(model.location.line == 3)
  }

  @Test func missingKeyValueHeadsMeansMultiHeadAttention() throws {
    let config = baseConfig.replacingOccurrences(of: "num_key_value_heads: 2\n", with: "")
    let model = try #require(try loadFixture(catalogText(config: config))["TestForCausalLM"])
    #expect(model.config.numKeyValueHeads == 8)
    #expect(!model.features.contains(.gqa))
  }

  @Test func unknownArchitectureLookupIsAnError() throws {
    let catalog = try loadFixture(catalogText())
    #expect(catalog["NoSuchForCausalLM"] == nil)
    #expect(throws: CatalogError.self) { try catalog.model("NoSuchForCausalLM") }
  }

  @Test func unknownFeatureNameIsAnError() throws {
    let at = SourceLocation(file: "matrix.yaml", line: 3)
    #expect(try ModelFeature.named("rope-yarn", at: at) == .ropeYarn)
    #expect(throws: CatalogError.unknownFeature("rope-magic", at: at)) { try ModelFeature.named("rope-magic", at: at) }
  }

  @Test func unknownKeyNamesFileAndLine() throws {
    let error = try #require(loadError(catalogText(config: baseConfig + "\nrope_magic: 3")))
    guard case .unknownKey("rope_magic", _, let at) = error else {
      Issue.record("unexpected \(error)")
      return
    }
    #expect(at.line == 21)
    #expect(error.description.hasPrefix("\(at.file):21:7: error: unknown key 'rope_magic'"))
  }

  @Test func unknownEntryKeyIsAnError() {
    guard case .unknownKey("flavour", _, _) = loadError(catalogText(extra: "flavour: sweet")) else {
      Issue.record("expected an unknown key")
      return
    }
  }

  @Test func malformedYAMLNamesTheLine() throws {
    let error = try #require(loadError("schema: vmsync.models/1\nmodels:\n  A: [unclosed\n"))
    guard case .syntax = error else {
      Issue.record("unexpected \(error)")
      return
    }
    #expect(error.location.line >= 3)
    #expect(error.description.contains("models.yaml:"))
  }

  @Test func duplicateArchitectureIsRejected() throws {
    let text = catalogText() + "\n" + catalogText().split(separator: "\n").dropFirst(2).joined(separator: "\n")
    guard case .syntax(let problem, let at) = loadError(text) else {
      Issue.record("expected a YAML error")
      return
    }
    #expect(problem.contains("duplicated keys TestForCausalLM"))
    #expect(at.line == 3)
  }

  @Test func wrongSchemaIsRejected() {
    let text = catalogText().replacingOccurrences(of: "vmsync.models/1", with: "vmsync.models/2")
    guard case .unsupportedSchema("vmsync.models/2", let at) = loadError(text) else {
      Issue.record("expected an unsupported schema")
      return
    }
    #expect(at.line == 1)
  }

  @Test func wrongValueTypeIsRejected() {
    let text = catalogText(config: baseConfig.replacingOccurrences(of: "hidden_size: 64", with: "hidden_size: big"))
    guard case .invalidValue(key: "hidden_size", _, let at) = loadError(text) else {
      Issue.record("expected an invalid value")
      return
    }
    #expect(at.line == 12)
  }

  @Test func unknownBackendIsRejected() {
    let text = catalogText().replacingOccurrences(of: "backend: native", with: "backend: onnx")
    guard case .invalidValue(key: "backend", let reason, _) = loadError(text) else {
      Issue.record("expected an invalid backend")
      return
    }
    #expect(reason.contains("native, mindformers, vllm"))
  }

  @Test func unreadableFileIsAnError() {
    #expect(throws: CatalogError.self) { try ModelCatalog.load(from: URL(fileURLWithPath: "/nonexistent/models.yaml")) }
  }
}
