import Foundation

/// Largest errors of one compared output over all steps.
public struct ErrorFigures: Codable, Sendable, Hashable {
  public var maxAbs: Double
  public var maxRel: Double
  /// Whether every element is within `atol + rtol·|expected|`.
  public var withinTolerance: Bool
}

/// How the runtime side's expert routing compared with the reference's.
public struct RoutingFigures: Codable, Sendable, Hashable {
  /// Token routings compared (tokens × MoE layers × steps).
  public var compared: Int
  /// Token routings whose set of experts differed.
  public var flips: Int
  /// Largest routing-weight difference where the experts agreed.
  public var maxWeightError: Double
  public var withinTolerance: Bool
}

/// What the runtime side of one model × dtype cost.
public struct RuntimeFigures: Codable, Sendable, Hashable {
  /// Wall time of the runtime side's prefill and decode steps.
  public var seconds: Double
  /// Floating-point operations of its matmuls (dense, int8, grouped).
  public var matmulFlops: Double
}

/// One model × dtype of a model parity run.
public struct ModelParityResult: Codable, Sendable {
  public var architecture: String
  public var dtype: String
  public var passed: Bool
  /// Final-norm hidden states of every token over prefill and decode.
  public var hidden: ErrorFigures
  /// Logits of every token (and of the MTP head).
  public var logits: ErrorFigures
  /// The vision tower's attention block, for vision-language models.
  public var vision: ErrorFigures?
  /// Expert routing, for MoE models.
  public var routing: RoutingFigures?
  /// Greedy tokens of the runtime side equal to the reference's, over all sequences and steps.
  public var greedyAgreement: Int
  public var greedyTotal: Int
  /// Feature columns this model exercises (`gqa`, `rope-yarn`, `mla`, `moe-sigmoid`, `int8`, …).
  public var features: [String]
  public var runtime: RuntimeFigures
  /// Why the model could not run to the end, when it could not.
  public var error: String?
}

/// The result of `vmsync parity models`, schema `vmsync.parity-models/1`.
public struct ModelParityReport: Codable, Sendable {
  public var schema = "vmsync.parity-models/1"
  public var revision: String
  public var seed: UInt64
  public var promptLengths: [Int]
  public var decodeSteps: Int
  public var results: [ModelParityResult]
  public var passed: Bool { results.allSatisfy(\.passed) }

  /// The report as pretty-printed JSON with sorted keys.
  public func renderJSON() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }

  /// The report as a Markdown table, one row per model × dtype, one column per feature.
  public func renderMarkdown() -> String {
    let columns = ["mha", "gqa", "mqa", "mla", "rope-default", "rope-linear", "rope-dynamic", "rope-llama3", "rope-yarn", "mrope",
      "partial-rotary", "qk-norm", "sliding-window", "softcap", "moe-softmax", "moe-sigmoid", "moe-grouped-topk",
      "shared-experts", "mtp", "vision", "int8"]
    var lines = [
      "# Model parity for \(revision)", "",
      "Prompts \(promptLengths.map(String.init).joined(separator: ", ")) tokens, \(decodeSteps) decode steps, seed \(seed).", "",
      "| model | dtype | result | hidden abs / rel | logits abs / rel | routing flips, weight err | greedy | " + columns.joined(separator: " | ") + " |",
      "|---|---|---|---|---|---|---|" + String(repeating: "---|", count: columns.count),
    ]
    for r in results {
      let result = r.passed ? "pass" : "FAIL" + (r.error.map { ": \($0.replacingOccurrences(of: "|", with: "\\|"))" } ?? "")
      let marks = columns.map { r.features.contains($0) ? "✓" : "" }
      lines.append(
        "| \(r.architecture) | \(r.dtype) | \(result) | \(Self.format(r.hidden)) | \(Self.format(r.logits)) | "
          + (r.routing.map { String(format: "%d/%d, %.1e", $0.flips, $0.compared, $0.maxWeightError) } ?? "") + " | "
          + "\(r.greedyAgreement)/\(r.greedyTotal) | " + marks.joined(separator: " | ") + " |")
    }
    lines.append("")
    lines.append(passed ? "All \(results.count) passed." : "\(results.filter { !$0.passed }.count) of \(results.count) failed.")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func format(_ f: ErrorFigures) -> String {
    String(format: "%.2e / %.2e", f.maxAbs, f.maxRel)
  }
}
