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
    #expect(json.contains("\"schema\" : \"vmsync.parity-ops/1\""))
    #expect(try ParityReport.decode(json: Data(json.utf8)) == report)
    let markdown = report.renderMarkdown()
    #expect(markdown.contains("| `vllm._custom_ops.rms_norm` | bfloat16 |"))
  }

  @Test func sameSeedSameFigures() throws {
    let runner = ParityRunner(adaptersDirectory: shippedAdapters, seed: 7)
    let ops = ["torch.ops._C.silu_and_mul"]
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

@Suite struct ContractChangeTests {
  /// Copies of the shipped manifests plus a v0.12.0 that inherits v0.11.0 unchanged.
  func adapters(v0120 entries: String) throws -> TemporaryAdapters {
    var files: [String: String] = [:]
    for revision in ["v0.9.1", "v0.11.0"] {
      files[revision] = try String(contentsOfFile: shippedAdapters + "/\(revision)/ops.yaml", encoding: .utf8)
    }
    files["v0.12.0"] = "schema: vmsync.ops/1\nrevision: v0.12.0\ninherits: v0.11.0\nops:\n" + entries
    return try TemporaryAdapters(files)
  }

  @Test func inheritedMappingFailsWhenTheKernelStartsRenormalising() throws {
    // From v0.11.1 topk_softmax takes `renormalize`; the inherited mapping ignores it.
    let op = "vllm._custom_ops.topk_softmax"
    let stale = try adapters(v0120: "")
    let report = try ParityRunner(adaptersDirectory: stale.directory).run(revision: "v0.12.0", ops: [op])
    #expect(!report.passed)
    #expect(report.results.allSatisfy { $0.cases == 8 })
    #expect(report.failures.allSatisfy { $0.worst?.shapeCase.contains("renormalize=true") == true })

    let updated = try adapters(v0120: """
        vllm._custom_ops.topk_softmax:
          steps:
            - call: moe_gating_top_k_softmax
              args: {x: gating_output, k: topk_weights.1, renormalize: renormalize}
              outputs: [weights, ids, rows]
            - write: topk_weights
              from: weights
            - write: topk_ids
              from: ids
            - write: token_expert_indices
              from: rows
          tolerance:
            float32: {atol: 1.0e-6, rtol: 1.0e-5}
            float16: {atol: 1.0e-3, rtol: 2.0e-3}
            bfloat16: {atol: 4.0e-3, rtol: 1.6e-2}

      """)
    #expect(try ParityRunner(adaptersDirectory: updated.directory).run(revision: "v0.12.0", ops: [op]).passed)
  }

  @Test func entryUsingAnArgumentTheRevisionLacksIsRejected() throws {
    // v0.9.1's grouped_topk has no routed_scaling_factor.
    let text = try String(contentsOfFile: shippedAdapters + "/v0.11.0/ops.yaml", encoding: .utf8)
      .replacingOccurrences(of: "revision: v0.11.0\ninherits: v0.9.1\n", with: "revision: v0.9.1\n")
    let adapters = try TemporaryAdapters(["v0.9.1": text])
    #expect(throws: ParityError.self) { try ParityRunner(adaptersDirectory: adapters.directory).run(revision: "v0.9.1") }
    do {
      _ = try ParityRunner(adaptersDirectory: adapters.directory).run(revision: "v0.9.1")
    } catch {
      #expect(error.description.contains("ops.yaml:"))
    }
  }
}
