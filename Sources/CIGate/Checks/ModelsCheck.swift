import ModelParity
import OpReference

/// `models`: every catalogue model's scaled decoder layers run once with the upstream
/// reference semantics and once through the revision's op mappings, one unit per model and
/// dtype (`vmsync parity models`). Needs no plugin tree and no upstream source.
public struct ModelsCheck: GateCheck {
  public let name = "models"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    try context.catalog(for: name).models.map(\.architecture).sorted().flatMap { architecture in
      FloatType.allCases.map { WorkUnit(check: name, name: "\(architecture)/\($0.rawValue)", cost: 120) }
    }
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    var findings: [GateFinding] = []
    for (architecture, types) in units.groupedByDType() {
      findings += try context.modelParity(architecture, dtypes: types, for: name).filter { !$0.passed }.map(Self.finding)
    }
    return findings
  }

  public func help(rule: String) -> String {
    rule == "models/model_failed"
      ? "The model's layers could not run through the op mappings."
      : "The model's hidden states, logits, routing or greedy tokens through the op mappings differ from the upstream reference beyond the dtype's tolerance."
  }

  private static func finding(_ result: ModelParityResult) -> GateFinding {
    let subject = "\(result.architecture)/\(result.dtype)"
    if let error = result.error {
      return GateFinding(
        check: "models", subject: subject, finding: "model_failed", rule: "models/model_failed", class: .parity,
        message: error)
    }
    return GateFinding(
      check: "models", subject: subject, finding: "parity_mismatch", rule: "models/parity_mismatch", class: .parity,
      message: "\(result.architecture) in \(result.dtype): hidden max abs \(result.hidden.maxAbs), logits max abs "
        + "\(result.logits.maxAbs), greedy tokens \(result.greedyAgreement)/\(result.greedyTotal)",
      measure: (max(result.hidden.maxRel, result.logits.maxRel) * 1000).rounded() / 1000)
  }
}
