import Foundation
import OpReference
import Parity
import Testing

/// Deliberately wrong mappings must fail parity, for the op they map.
@Suite struct WrongMappingTests {
  static let tolerance = """
        tolerance:
          float32: {atol: 1.0e-5, rtol: 1.0e-5}
          float16: {atol: 4.0e-3, rtol: 4.0e-3}
          bfloat16: {atol: 3.2e-2, rtol: 3.2e-2}
    """

  /// Runs one op of a manifest made of `entries`.
  func run(_ op: String, entries: String, revision: String = "v0.9.1") throws -> ParityReport {
    let text = "schema: vmsync.ops/1\nrevision: \(revision)\nops:\n" + entries
    let adapters = try TemporaryAdapters([revision: text])
    return try ParityRunner(adaptersDirectory: adapters.directory).run(revision: revision, ops: [op])
  }

  /// The shipped v0.9.1 manifest with one fragment replaced.
  func shipped(replacing fragment: String, with replacement: String) throws -> String {
    let text = try String(contentsOfFile: shippedAdapters + "/v0.9.1/ops.yaml", encoding: .utf8)
    #expect(text.contains(fragment), "fragment not in the shipped manifest")
    return text.replacingOccurrences(of: fragment, with: replacement)
  }

  func expectFailure(_ report: ParityReport, of op: String, _ comment: Comment) {
    #expect(!report.passed, comment)
    #expect(report.failures.allSatisfy { $0.op == op })
    for failure in report.failures {
      #expect(failure.error != nil || failure.worst != nil, "a failure names the worst element")
    }
  }

  @Test func neoxAndInterleavedSwappedIsCaught() throws {
    let op = "vllm._custom_ops.rotary_embedding"
    let text = try shipped(replacing: "mode: {if: is_neox, then: 0, else: 1}", with: "mode: {if: is_neox, then: 1, else: 0}")
    let adapters = try TemporaryAdapters(["v0.9.1": text])
    let report = try ParityRunner(adaptersDirectory: adapters.directory).run(revision: "v0.9.1", ops: [op])
    expectFailure(report, of: op, "rotary with swapped modes must fail")
    #expect(report.failures.count == 3)
    #expect(report.failures.allSatisfy { ["query", "key"].contains($0.worst?.output ?? "") })
  }

  @Test func wrongCacheLayoutIsCaught() throws {
    // Treats vLLM's [blocks, kv_heads, head_size/x, block_size, x] key cache as if it were
    // already MindSpore's [blocks, block_size, kv_heads, head_size].
    let op = "vllm._custom_ops.reshape_and_cache"
    let entries = """
        vllm._custom_ops.reshape_and_cache:
          steps:
            - let: k_cache
              from: key_cache
              transforms: [{reshape: [key_cache.0, key_cache.3, key_cache.1, -1]}]
            - let: v_cache
              from: value_cache
              transforms: [{permute: [0, 3, 1, 2]}, {reshape: [value_cache.0, value_cache.3, value_cache.1, value_cache.2]}]
            - call: reshape_and_cache
              args: {key: key, value: value, key_cache: k_cache, value_cache: v_cache, slot_mapping: slot_mapping}
              outputs: [k_written, v_written]
            - write: key_cache
              from: k_written
              view: [{reshape: [key_cache.0, key_cache.3, key_cache.1, -1]}]
            - write: value_cache
              from: v_written
              view: [{permute: [0, 3, 1, 2]}]

      """ + Self.tolerance + "\n"
    let report = try run(op, entries: entries)
    expectFailure(report, of: op, "a cache written in the wrong layout must fail")
    #expect(report.failures.count == 3)
    #expect(report.failures.allSatisfy { $0.worst?.output == "key_cache" })
  }

  @Test func missingRenormalisationIsCaught() throws {
    let op = "vllm.model_executor.layers.fused_moe.fused_moe.fused_topk"
    let entries = """
        vllm.model_executor.layers.fused_moe.fused_moe.fused_topk:
          steps:
            - call: moe_gating_top_k_softmax
              args: {x: gating_output, k: topk}
              outputs: [weights, ids, rows]
            - let: weights32
              from: weights
              transforms: [{cast: float32}]
            - return: [weights32, ids, rows]

      """ + Self.tolerance + "\n"
    let report = try run(op, entries: entries)
    expectFailure(report, of: op, "routing weights that are not renormalised must fail")
    #expect(report.failures.count == 3)
    #expect(report.failures.allSatisfy { $0.worst?.output == "return[0]" && $0.worst?.shapeCase.contains("renormalize=true") == true })
  }

  @Test func softmaxAndSigmoidSwappedIsCaught() throws {
    let op = "vllm.model_executor.layers.fused_moe.fused_moe.grouped_topk"
    var text = try shipped(replacing: "when: [not e_score_correction_bias, scoring_func == softmax]", with: "when: [not e_score_correction_bias, scoring_func == SIGMOID]")
    text = text.replacingOccurrences(of: "when: [not e_score_correction_bias, scoring_func == sigmoid]", with: "when: [not e_score_correction_bias, scoring_func == softmax]")
    text = text.replacingOccurrences(of: "scoring_func == SIGMOID]", with: "scoring_func == sigmoid]")
    let adapters = try TemporaryAdapters(["v0.9.1": text])
    let report = try ParityRunner(adaptersDirectory: adapters.directory).run(revision: "v0.9.1", ops: [op])
    expectFailure(report, of: op, "softmax scores computed with sigmoid must fail")
    #expect(report.failures.count == 3)
  }

  @Test func wrongTupleElementIsCaught() throws {
    let op = "vllm._custom_ops.rms_norm"
    let entries = """
        vllm._custom_ops.rms_norm:
          steps:
            - call: add_rms_norm
              args: {x1: input, x2: input, gamma: weight, epsilon: epsilon}
              outputs: [_, _, doubled]
            - write: out
              from: doubled

      """ + Self.tolerance + "\n"
    let report = try run(op, entries: entries)
    expectFailure(report, of: op, "writing the wrong tuple element must fail")
    #expect(report.failures.first?.worst?.output == "out")
    #expect(report.failures.first?.worst?.index.count == 2)
  }

  @Test func failingStepNamesItsLine() throws {
    let op = "torch.ops._C.silu_and_mul"
    let entries = """
        torch.ops._C.silu_and_mul:
          steps:
            - call: swiglu
              args: {x: x, dim: -1}
              outputs: [y]
            - write: out
              from: y
              view: [{reshape: [-1]}]

      """ + Self.tolerance + "\n"
    let report = try run(op, entries: entries)
    #expect(!report.passed)
    #expect(report.failures.first?.error?.contains("ops.yaml:9:") == true, "\(report.failures.first?.error ?? "")")
  }

  @Test func nonIntegralValuesInIntegerArgumentsFailWithoutCrashing() throws {
    let op = "vllm._custom_ops.topk_softmax"
    let entries = """
        vllm._custom_ops.topk_softmax:
          steps:
            - call: moe_gating_top_k_softmax
              args: {x: gating_output, k: topk_weights.1}
              outputs: [weights, ids, rows]
            - call: sub
              args: {input: weights, other: weights}
              outputs: [zeros]
            - call: div
              args: {input: zeros, other: zeros}
              outputs: [nans]
            - write: topk_ids
              from: nans

      """ + Self.tolerance + "\n"
    let report = try run(op, entries: entries)
    #expect(!report.passed)
    #expect(report.failures.count == 3)
    #expect(report.failures.allSatisfy { $0.error?.contains("does not fit") == true })
  }
}
