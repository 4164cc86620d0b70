extension OpRegistry {
  static let views: [String: OpSpec] = [
    "reshape": OpSpec(["input", "shape"]) { a throws(MSError) in
      [try a.tensor("input").reshape(try a.ints("shape"))]
    },
    // mindspore.ops.transpose(input, input_perm) permutes all dimensions.
    "transpose": OpSpec(["input", "input_perm"]) { a throws(MSError) in
      [try a.tensor("input").permute(try a.ints("input_perm"))]
    },
    "permute": OpSpec(["input", "axis"]) { a throws(MSError) in
      [try a.tensor("input").permute(try a.ints("axis"))]
    },
    "swapaxes": OpSpec(["input", "axis0", "axis1"]) { a throws(MSError) in
      [try a.tensor("input").transpose(try a.int("axis0"), try a.int("axis1"))]
    },
    "narrow": OpSpec(["input", "axis", "start", "length"]) { a throws(MSError) in
      [try a.tensor("input").narrow(dim: try a.int("axis"), start: try a.int("start"), length: try a.int("length"))]
    },
    "unsqueeze": OpSpec(["input", "dim"]) { a throws(MSError) in
      [try a.tensor("input").unsqueeze(dim: try a.int("dim"))]
    },
    "expand_dims": OpSpec(["input_x", "axis"]) { a throws(MSError) in
      [try a.tensor("input_x").unsqueeze(dim: try a.int("axis"))]
    },
    "squeeze": OpSpec(["input", "axis"]) { a throws(MSError) in
      [try a.tensor("input").squeeze(dim: try a.optionalInt("axis"))]
    },
    "broadcast_to": OpSpec(["input", "shape"]) { a throws(MSError) in
      [try a.tensor("input").expand(to: try a.ints("shape")).contiguous()]
    },
    "cast": OpSpec(["input", "dtype"]) { a throws(MSError) in
      [try a.tensor("input").cast(to: try a.dtype("dtype"))]
    },
  ]
}
