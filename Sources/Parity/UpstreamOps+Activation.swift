import MSRuntime
import OpReference

extension UpstreamOps {
  private static let activationShapes = [(1, 1), (7, 37), (16, 256), (5, 1408)]

  private static func gated(_ activation: Reference.GatedActivation, name: String) -> UpstreamOp {
    UpstreamOp(
      name: name, arguments: ["out", "x"],
      cases: { _ in activationShapes.map { "tokens=\($0.0) d=\($0.1)" } },
      prepare: { index, dtype, _, random in
        let (tokens, d) = activationShapes[index]
        let x = random.normal([tokens, 2 * d], dtype: dtype, scale: 2)
        let out = Reference.gatedActivation(activation, x: x, dtype: dtype)
        return PreparedCall(
          arguments: ["out": try RefTensor.zeros(out.shape).value(dtype.runtime), "x": try x.value(dtype.runtime)],
          expected: [ExpectedOutput("out", out)])
      })
  }

  static let siluAndMul = gated(.silu, name: "torch.ops._C.silu_and_mul")
  static let geluAndMul = gated(.gelu, name: "torch.ops._C.gelu_and_mul")
  static let geluTanhAndMul = gated(.geluTanh, name: "torch.ops._C.gelu_tanh_and_mul")
}
