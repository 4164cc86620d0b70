import MSRuntime
import OpReference

/// One upstream op as the parity run exercises it: its arguments, its shape cases, and how
/// to build seeded inputs with the reference's expected outputs for a case.
struct UpstreamOp: Sendable {
  /// The vLLM name, `vllm._custom_ops.rms_norm`.
  let name: String
  /// Argument names for a revision, in the upstream signature's order.
  let arguments: @Sendable (OpContracts) -> [String]
  /// The shape cases' labels for a revision's contracts.
  let cases: @Sendable (OpContracts) -> [String]
  /// Builds the inputs of case `index` and the reference's outputs.
  let prepare: @Sendable (_ index: Int, _ dtype: FloatType, _ contracts: OpContracts, _ random: inout InputRandom) throws -> PreparedCall

  init(
    name: String, arguments: @escaping @Sendable (OpContracts) -> [String],
    cases: @escaping @Sendable (OpContracts) -> [String],
    prepare: @escaping @Sendable (Int, FloatType, OpContracts, inout InputRandom) throws -> PreparedCall
  ) {
    self.name = name
    self.arguments = arguments
    self.cases = cases
    self.prepare = prepare
  }

  init(
    name: String, arguments: [String], cases: @escaping @Sendable (OpContracts) -> [String],
    prepare: @escaping @Sendable (Int, FloatType, OpContracts, inout InputRandom) throws -> PreparedCall
  ) {
    self.init(name: name, arguments: { _ in arguments }, cases: cases, prepare: prepare)
  }
}

/// The inputs of one upstream call and what the reference computes from them.
struct PreparedCall {
  /// Every upstream argument by name (`none` for an absent optional).
  var arguments: [String: Value]
  /// Outputs to compare, in order: names of written arguments (`out`, `query`) or
  /// `return[i]` for returned values.
  var expected: [ExpectedOutput]
}

/// One output of the reference.
struct ExpectedOutput {
  let name: String
  let shape: [Int]
  let values: [Float]
  /// Integer outputs (ids, quantised values) use the mapping's integer tolerance.
  let isInteger: Bool

  init(_ name: String, _ tensor: RefTensor, isInteger: Bool = false) {
    self.name = name
    self.shape = tensor.shape
    self.values = tensor.values
    self.isInteger = isInteger
  }

  init(_ name: String, shape: [Int], ints: [Int]) {
    self.name = name
    self.shape = shape
    self.values = ints.map(Float.init)
    self.isInteger = true
  }
}

extension FloatType {
  /// The runtime dtype of this element type.
  var runtime: DType {
    switch self {
    case .float32: .float32
    case .float16: .float16
    case .bfloat16: .bfloat16
    }
  }
}
