extension OpRegistry {
  private static func binary(_ f: @escaping @Sendable (Tensor, Tensor) throws(MSError) -> Tensor, other: String = "other") -> OpSpec {
    OpSpec(["input", other]) { a throws(MSError) in
      let input = try a.tensor("input")
      return [try f(input, try a.operand(other, like: input))]
    }
  }

  private static func unary(_ f: @escaping @Sendable (Tensor) -> Tensor) -> OpSpec {
    OpSpec(["input"]) { a throws(MSError) in [f(try a.tensor("input"))] }
  }

  static let math: [String: OpSpec] = [
    "add": binary { x, y throws(MSError) in try MS.add(x, y) },
    "sub": binary { x, y throws(MSError) in try MS.sub(x, y) },
    "mul": binary { x, y throws(MSError) in try MS.mul(x, y) },
    "div": binary { x, y throws(MSError) in try MS.div(x, y) },
    "maximum": binary { x, y throws(MSError) in try MS.maximum(x, y) },
    "minimum": binary { x, y throws(MSError) in try MS.minimum(x, y) },
    "pow": binary({ x, y throws(MSError) in try MS.pow(x, y) }, other: "exponent"),
    "neg": unary(MS.neg),
    "exp": unary(MS.exp),
    "sqrt": unary(MS.sqrt),
    "rsqrt": unary(MS.rsqrt),
    "square": unary(MS.square),
    "abs": unary(MS.abs),
    "sigmoid": unary(MS.sigmoid),
    "silu": unary(MS.silu),
    "gelu": OpSpec(["input", "approximate"]) { a throws(MSError) in
      [try MS.gelu(try a.tensor("input"), approximate: try a.string("approximate", default: "none"))]
    },
    "swiglu": OpSpec(["x", "dim"]) { a throws(MSError) in
      [try MS.swiglu(try a.tensor("x"), dim: try a.int("dim", default: -1))]
    },
    "softmax": OpSpec(["input", "axis"]) { a throws(MSError) in
      [try MS.softmax(try a.tensor("input"), axis: try a.int("axis", default: -1))]
    },
    "log_softmax": OpSpec(["logits", "axis"]) { a throws(MSError) in
      [try MS.logSoftmax(try a.tensor("logits"), axis: try a.int("axis", default: -1))]
    },
    "sum": OpSpec(["input", "dim", "keepdim"]) { a throws(MSError) in
      [try MS.sum(try a.tensor("input"), dim: try a.optionalInt("dim"), keepdim: try a.bool("keepdim", default: false))]
    },
    "mean": OpSpec(["input", "dim", "keepdim"]) { a throws(MSError) in
      [try MS.mean(try a.tensor("input"), dim: try a.optionalInt("dim"), keepdim: try a.bool("keepdim", default: false))]
    },
    "max": OpSpec(["input", "dim", "keepdim"]) { a throws(MSError) in
      let (values, indices) = try MS.max(try a.tensor("input"), dim: try a.int("dim"), keepdim: try a.bool("keepdim", default: false))
      return [values, indices]
    },
    "argmax": OpSpec(["input", "dim", "keepdim"]) { a throws(MSError) in
      [try MS.argmax(try a.tensor("input"), dim: try a.optionalInt("dim"), keepdim: try a.bool("keepdim", default: false))]
    },
    "cumsum": OpSpec(["x", "axis"]) { a throws(MSError) in
      [try MS.cumsum(try a.tensor("x"), axis: try a.int("axis"))]
    },
    "dynamic_quant": OpSpec(["x", "smooth_scales"]) { a throws(MSError) in
      let (y, scale) = try MS.dynamicQuant(try a.tensor("x"), smoothScales: try a.optionalTensor("smooth_scales"))
      return [y, scale]
    },
    "quant_batch_matmul": OpSpec(
      ["x1", "x2", "scale", "offset", "pertoken_scale", "bias", "transpose_x1", "transpose_x2", "dtype"]
    ) { a throws(MSError) in
      try a.unsupported("offset")
      return [
        try MS.quantBatchMatmul(
          try a.tensor("x1"), try a.tensor("x2"), scale: try a.tensor("scale"),
          pertokenScale: try a.optionalTensor("pertoken_scale"), bias: try a.optionalTensor("bias"),
          transposeX1: try a.bool("transpose_x1", default: false), transposeX2: try a.bool("transpose_x2", default: false),
          dtype: try a.dtype("dtype", default: .float16))
      ]
    },
  ]
}
