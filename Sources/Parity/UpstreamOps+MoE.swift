import MSRuntime
import OpReference

extension UpstreamOps {
  private static let routingShapes = [(7, 8, 2), (33, 64, 6), (1, 16, 1), (5, 128, 8)]

  /// The routing shapes, each with and without renormalisation when the op takes the flag.
  private static func routingCases(renormalizes: Bool) -> [(tokens: Int, experts: Int, topk: Int, renormalize: Bool)] {
    routingShapes.flatMap { shape in
      (renormalizes ? [false, true] : [false]).map { (shape.0, shape.1, shape.2, $0) }
    }
  }

  private static func routingLabel(_ c: (tokens: Int, experts: Int, topk: Int, renormalize: Bool)) -> String {
    "tokens=\(c.tokens) experts=\(c.experts) topk=\(c.topk) renormalize=\(c.renormalize)"
  }

  private static func routingOutputs(_ routing: Reference.Routing, names: [String]) -> [ExpectedOutput] {
    let shape = routing.weights.shape
    return [
      ExpectedOutput(names[0], routing.weights), ExpectedOutput(names[1], shape: shape, ints: routing.ids),
      ExpectedOutput(names[2], shape: shape, ints: routing.tokenExpertIndices),
    ]
  }

  static let topkSoftmax = UpstreamOp(
    name: "vllm._custom_ops.topk_softmax",
    arguments: { contracts in
      ["topk_weights", "topk_ids", contracts.topkSoftmaxIndicesArgument, "gating_output"]
        + (contracts.topkSoftmaxTakesRenormalize ? ["renormalize"] : [])
    },
    cases: { contracts in routingCases(renormalizes: contracts.topkSoftmaxTakesRenormalize).map(routingLabel) },
    prepare: { index, dtype, contracts, random in
      let c = routingCases(renormalizes: contracts.topkSoftmaxTakesRenormalize)[index]
      let gating = random.separatedLogits(rows: c.tokens, count: c.experts, spacing: 0.25, dtype: dtype)
      let routing = Reference.topkSoftmax(gating: gating, topk: c.topk, renormalize: c.renormalize)
      let shape = [c.tokens, c.topk]
      var arguments: [String: Value] = [
        "topk_weights": try RefTensor.zeros(shape).value(.float32),
        "topk_ids": try intValue(Array(repeating: 0, count: c.tokens * c.topk), shape: shape, dtype: .int32),
        contracts.topkSoftmaxIndicesArgument: try intValue(Array(repeating: 0, count: c.tokens * c.topk), shape: shape, dtype: .int32),
        "gating_output": try gating.value(dtype.runtime),
      ]
      if contracts.topkSoftmaxTakesRenormalize { arguments["renormalize"] = .bool(c.renormalize) }
      return PreparedCall(
        arguments: arguments,
        expected: routingOutputs(routing, names: ["topk_weights", "topk_ids", contracts.topkSoftmaxIndicesArgument]))
    })

  static let fusedTopk = UpstreamOp(
    name: "vllm.model_executor.layers.fused_moe.fused_moe.fused_topk",
    arguments: ["hidden_states", "gating_output", "topk", "renormalize", "indices_type"],
    cases: { _ in routingCases(renormalizes: true).map(routingLabel) },
    prepare: { index, dtype, _, random in
      let c = routingCases(renormalizes: true)[index]
      let gating = random.separatedLogits(rows: c.tokens, count: c.experts, spacing: 0.25, dtype: dtype)
      let routing = Reference.topkSoftmax(gating: gating, topk: c.topk, renormalize: c.renormalize)
      let arguments: [String: Value] = [
        "hidden_states": try random.normal([c.tokens, 16], dtype: dtype).value(dtype.runtime),
        "gating_output": try gating.value(dtype.runtime), "topk": .int(c.topk), "renormalize": .bool(c.renormalize),
        "indices_type": .none,
      ]
      return PreparedCall(arguments: arguments, expected: routingOutputs(routing, names: ["return[0]", "return[1]", "return[2]"]))
    })

  private struct GroupedCase {
    let tokens, experts, groups, topkGroup, topk: Int
    let scoring: Reference.Scoring
    let hasBias, renormalize: Bool
    let scalingFactor: Float
    var label: String {
      "\(scoring.rawValue)\(hasBias ? "+bias" : "") tokens=\(tokens) experts=\(experts) groups=\(groups)/\(topkGroup) "
        + "topk=\(topk) renormalize=\(renormalize) scaling=\(scalingFactor)"
    }
  }

  private static func groupedCases(_ contracts: OpContracts) -> [GroupedCase] {
    let scaling: Float = contracts.groupedTopkTakesRoutedScalingFactor ? 2.5 : 1
    return [
      GroupedCase(tokens: 5, experts: 16, groups: 4, topkGroup: 2, topk: 4, scoring: .softmax, hasBias: false, renormalize: true, scalingFactor: 1),
      GroupedCase(tokens: 9, experts: 64, groups: 8, topkGroup: 3, topk: 6, scoring: .softmax, hasBias: false, renormalize: false, scalingFactor: 1),
      GroupedCase(tokens: 4, experts: 32, groups: 8, topkGroup: 4, topk: 8, scoring: .sigmoid, hasBias: true, renormalize: true, scalingFactor: scaling),
      GroupedCase(tokens: 3, experts: 64, groups: 8, topkGroup: 4, topk: 8, scoring: .sigmoid, hasBias: true, renormalize: false, scalingFactor: 1),
      GroupedCase(tokens: 6, experts: 32, groups: 4, topkGroup: 2, topk: 4, scoring: .sigmoid, hasBias: false, renormalize: true, scalingFactor: scaling),
    ]
  }

  static let groupedTopk = UpstreamOp(
    name: "vllm.model_executor.layers.fused_moe.fused_moe.grouped_topk",
    arguments: { contracts in
      ["hidden_states", "gating_output", "topk", "renormalize", "num_expert_group", "topk_group", "scoring_func"]
        + (contracts.groupedTopkTakesRoutedScalingFactor ? ["routed_scaling_factor"] : []) + ["e_score_correction_bias"]
    },
    cases: { contracts in groupedCases(contracts).map(\.label) },
    prepare: { index, dtype, contracts, random in
      let c = groupedCases(contracts)[index]
      let gating = random.separatedLogits(rows: c.tokens, count: c.experts, spacing: 4 / Float(c.experts), dtype: dtype)
      let bias = c.hasBias ? random.separatedLogits(rows: 1, count: c.experts, spacing: 0.37 / Float(c.experts), dtype: .float32) : nil
      let routing = Reference.groupedTopk(
        gating: gating, topk: c.topk, renormalize: c.renormalize, numExpertGroup: c.groups, topkGroup: c.topkGroup,
        scoring: c.scoring, routedScalingFactor: c.scalingFactor, bias: bias?.values, dtype: dtype)
      var arguments: [String: Value] = [
        "hidden_states": try random.normal([c.tokens, 16], dtype: dtype).value(dtype.runtime),
        "gating_output": try gating.value(dtype.runtime), "topk": .int(c.topk), "renormalize": .bool(c.renormalize),
        "num_expert_group": .int(c.groups), "topk_group": .int(c.topkGroup), "scoring_func": .string(c.scoring.rawValue),
        "e_score_correction_bias": try bias.map { try RefTensor(shape: [c.experts], values: $0.values).value(.float32) } ?? .none,
      ]
      if contracts.groupedTopkTakesRoutedScalingFactor {
        arguments["routed_scaling_factor"] = .float(Double(c.scalingFactor))
      }
      let shape = [c.tokens, c.topk]
      return PreparedCall(
        arguments: arguments,
        expected: [ExpectedOutput("return[0]", routing.weights), ExpectedOutput("return[1]", shape: shape, ints: routing.ids)])
    })
}
