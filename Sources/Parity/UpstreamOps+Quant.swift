import MSRuntime
import OpReference

extension UpstreamOps {
  private static let quantCases: [(tokens: Int, hidden: Int, scale: Float?)] = [
    (7, 33, nil), (16, 512, nil), (4, 64, nil), (5, 64, 0.02), (3, 1000, 0.05),
  ]

  static let scaledInt8Quant = UpstreamOp(
    name: "vllm._custom_ops.scaled_int8_quant", arguments: ["input", "scale", "azp", "symmetric"],
    cases: { _ in quantCases.map { "tokens=\($0.tokens) hidden=\($0.hidden) " + ($0.scale.map { "static scale=\($0)" } ?? "dynamic") } },
    prepare: { index, dtype, _, random in
      let c = quantCases[index]
      var input = random.normal([c.tokens, c.hidden], dtype: dtype)
      if c.tokens == 4 {
        // An all-zero row: its scale is 0 and its values quantise to 0.
        for i in c.hidden..<(2 * c.hidden) { input.values[i] = 0 }
      }
      let quantized = Reference.scaledInt8Quant(input: input, scale: c.scale)
      let arguments: [String: Value] = [
        "input": try input.value(dtype.runtime),
        "scale": try c.scale.map { try RefTensor(shape: [1], values: [$0]).value(.float32) } ?? .none,
        "azp": .none, "symmetric": .bool(true),
      ]
      return PreparedCall(
        arguments: arguments,
        expected: [ExpectedOutput("return[0]", quantized.values, isInteger: true), ExpectedOutput("return[1]", quantized.scales)])
    })
}
