import Foundation
import OpReference
import Parity
import Testing

/// The repository's `adapters/` directory.
let shippedAdapters = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("adapters").path

@Suite struct ParityRunnerTests {
  @Test(arguments: ["v0.9.1", "v0.11.0"])
  func shippedManifestsPass(revision: String) throws {
    let report = try ParityRunner(adaptersDirectory: shippedAdapters).run(revision: revision)
    #expect(report.results.count == ParityRunner.upstreamOps.count * 3)
    #expect(report.passed, "\(report.renderMarkdown())")
    #expect(report.schema == "vmsync.parity-ops/1")
  }

  @Test func reportRoundTripsThroughJSON() throws {
    let report = try ParityRunner(adaptersDirectory: shippedAdapters)
      .run(revision: "v0.9.1", ops: ["vllm._custom_ops.rms_norm"], dtypes: [.bfloat16])
    let json = try report.renderJSON()
    #expect(json.contains("\"schema\" : \"vmsync.parity-ops\\/1\""))
    #expect(try ParityReport.decode(json: Data(json.utf8)) == report)
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("| `vllm._custom_ops.rms_norm` | bfloat16 |"))
  }

  @Test func sameSeedSameFigures() throws {
    let runner = ParityRunner(adaptersDirectory: shippedAdapters, seed: 7)
    let ops = ["vllm._custom_ops.silu_and_mul"]
    #expect(try runner.run(revision: "v0.9.1", ops: ops) == (try runner.run(revision: "v0.9.1", ops: ops)))
  }

  @Test func badRequestsAreErrors() throws {
    let runner = ParityRunner(adaptersDirectory: shippedAdapters)
    #expect(throws: ParityError.invalidRevision("latest")) { try runner.run(revision: "latest") }
    #expect(throws: ParityError.self) { try runner.run(revision: "v0.9.1", ops: ["vllm._custom_ops.no_such_op"]) }
    do {
      _ = try runner.run(revision: "v0.7.3")
      Issue.record("a revision without a manifest must fail")
    } catch {
      guard case .manifest(.missingRevision("v0.7.3", _, nil)) = error else { Issue.record("got \(error)"); return }
    }
  }

  @Test func unmappedOpFails() throws {
    let adapters = try TemporaryAdapters(["v0.9.1": "schema: vmsync.ops/1\nrevision: v0.9.1\nops: {}\n"])
    let report = try ParityRunner(adaptersDirectory: adapters.directory)
      .run(revision: "v0.9.1", ops: ["vllm._custom_ops.rms_norm"], dtypes: [.float32])
    #expect(!report.passed)
    #expect(report.results.first?.error?.contains("no mapping") == true)
  }
}
