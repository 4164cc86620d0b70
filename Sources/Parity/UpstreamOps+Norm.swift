import MSRuntime
import OpReference

extension UpstreamOps {
  private static let normShapes = [(1, 8), (7, 33), (16, 512), (3, 4096)]
  private static let epsilon: Float = 1e-6

  static let rmsNorm = UpstreamOp(
    name: "vllm._custom_ops.rms_norm", arguments: ["out", "input", "weight", "epsilon"],
    cases: { _ in normShapes.map { "tokens=\($0.0) hidden=\($0.1)" } },
    prepare: { index, dtype, _, random in
      let (tokens, hidden) = normShapes[index]
      let input = random.normal([tokens, hidden], dtype: dtype)
      let weight = random.normal([hidden], dtype: dtype, scale: 0.1, mean: 1)
      let out = Reference.rmsNorm(input: input, weight: weight.values, epsilon: epsilon, dtype: dtype)
      return PreparedCall(
        arguments: [
          "out": try RefTensor.zeros(input.shape).value(dtype.runtime), "input": try input.value(dtype.runtime),
          "weight": try weight.value(dtype.runtime), "epsilon": .float(Double(epsilon)),
        ],
        expected: [ExpectedOutput("out", out)])
    })

  static let fusedAddRmsNorm = UpstreamOp(
    name: "vllm._custom_ops.fused_add_rms_norm", arguments: ["input", "residual", "weight", "epsilon"],
    cases: { _ in normShapes.map { "tokens=\($0.0) hidden=\($0.1)" } },
    prepare: { index, dtype, _, random in
      let (tokens, hidden) = normShapes[index]
      var input = random.normal([tokens, hidden], dtype: dtype)
      var residual = random.normal([tokens, hidden], dtype: dtype)
      let weight = random.normal([hidden], dtype: dtype, scale: 0.1, mean: 1)
      let arguments: [String: Value] = [
        "input": try input.value(dtype.runtime), "residual": try residual.value(dtype.runtime),
        "weight": try weight.value(dtype.runtime), "epsilon": .float(Double(epsilon)),
      ]
      Reference.fusedAddRmsNorm(input: &input, residual: &residual, weight: weight.values, epsilon: epsilon, dtype: dtype)
      return PreparedCall(arguments: arguments, expected: [ExpectedOutput("input", input), ExpectedOutput("residual", residual)])
    })
}
