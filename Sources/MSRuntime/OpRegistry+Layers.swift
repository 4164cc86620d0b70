extension OpRegistry {
  static let layers: [String: OpSpec] = [
    "rms_norm": OpSpec(["x", "gamma", "epsilon"]) { a throws(MSError) in
      let (y, rstd) = try MS.rmsNorm(try a.tensor("x"), try a.tensor("gamma"), epsilon: try a.float("epsilon", default: 1e-6))
      return [y, rstd]
    },
    "add_rms_norm": OpSpec(["x1", "x2", "gamma", "epsilon"]) { a throws(MSError) in
      let (y, rstd, x) = try MS.addRmsNorm(
        try a.tensor("x1"), try a.tensor("x2"), try a.tensor("gamma"), epsilon: try a.float("epsilon", default: 1e-6))
      return [y, rstd, x]
    },
    "layer_norm": OpSpec(["input", "normalized_shape", "weight", "bias", "eps"]) { a throws(MSError) in
      [
        try MS.layerNorm(
          try a.tensor("input"), normalizedShape: try a.ints("normalized_shape"), weight: try a.optionalTensor("weight"),
          bias: try a.optionalTensor("bias"), eps: try a.float("eps", default: 1e-5))
      ]
    },
    "rotary_position_embedding": OpSpec(["x", "cos", "sin", "mode"]) { a throws(MSError) in
      [
        try MS.rotaryPositionEmbedding(
          try a.tensor("x"), cos: try a.tensor("cos"), sin: try a.tensor("sin"), mode: try a.int("mode", default: 0))
      ]
    },
    "matmul": OpSpec(["input", "other", "transpose_a", "transpose_b"]) { a throws(MSError) in
      [
        try MS.matmul(
          try a.tensor("input"), try a.tensor("other"), transposeA: try a.bool("transpose_a", default: false),
          transposeB: try a.bool("transpose_b", default: false))
      ]
    },
    "batch_matmul": OpSpec(["x", "y", "transpose_a", "transpose_b"]) { a throws(MSError) in
      [
        try MS.batchMatmul(
          try a.tensor("x"), try a.tensor("y"), transposeA: try a.bool("transpose_a", default: false),
          transposeB: try a.bool("transpose_b", default: false))
      ]
    },
    "bmm": OpSpec(["input", "mat2"]) { a throws(MSError) in
      [try MS.batchMatmul(try a.tensor("input"), try a.tensor("mat2"))]
    },
    "dense": OpSpec(["input", "weight", "bias"]) { a throws(MSError) in
      [try MS.dense(try a.tensor("input"), try a.tensor("weight"), try a.optionalTensor("bias"))]
    },
  ]
}
