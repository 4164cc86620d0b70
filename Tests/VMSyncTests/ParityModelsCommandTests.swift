import Foundation
import Testing
import _TestSupport

private let adapters = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().appendingPathComponent("adapters").path

@Test func parityModelsRejectsAnUnknownDTypeWithOneLine() throws {
  let run = try Run(["parity", "models", "--adapters", adapters, "--dtype", "fp8"])
  #expect(run.status == 2)
  #expect(run.stderr.contains("unknown dtype 'fp8'"))
  #expect(run.stderr.split(separator: "\n").count == 1)
  #expect(run.stdout.isEmpty)
}

@Test func parityModelsRejectsAnUnknownArchitecture() throws {
  let run = try Run(["parity", "models", "--adapters", adapters, "--model", "NoSuchForCausalLM"])
  #expect(run.status == 2)
  #expect(run.stderr.contains("unknown architecture 'NoSuchForCausalLM'"))
}

@Test func parityModelsWritesJSONAndExitsZeroWhenEverythingPasses() throws {
  let run = try Run([
    "parity", "models", "--adapters", adapters, "--revision", "v0.9.1", "--model", "Qwen2ForCausalLM", "--dtype", "fp32",
    "--format", "json",
  ])
  #expect(run.status == 0, "\(run.stderr)")
  #expect(run.stdout.contains("vmsync.parity-models\\/1"))
  #expect(run.stdout.contains("\"passed\" : true"))
}
