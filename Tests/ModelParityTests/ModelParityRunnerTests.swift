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
