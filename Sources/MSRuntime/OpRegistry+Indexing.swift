extension OpRegistry {
  static let indexing: [String: OpSpec] = [
    "gather": OpSpec(["input_params", "input_indices", "axis"]) { a throws(MSError) in
      [try MS.gather(try a.tensor("input_params"), indices: try a.tensor("input_indices"), axis: try a.int("axis", default: 0))]
    },
    "embedding": OpSpec(["input", "weight"]) { a throws(MSError) in
      [try MS.embedding(try a.tensor("input"), weight: try a.tensor("weight"))]
    },
    "index_select": OpSpec(["input", "axis", "index"]) { a throws(MSError) in
      [try MS.indexSelect(try a.tensor("input"), axis: try a.int("axis"), index: try a.tensor("index"))]
    },
    "topk": OpSpec(["input", "k", "dim", "largest", "sorted"]) { a throws(MSError) in
      _ = try a.bool("sorted", default: true)
      let (values, indices) = try MS.topk(
        try a.tensor("input"), k: try a.int("k"), dim: try a.int("dim", default: -1), largest: try a.bool("largest", default: true))
      return [values, indices]
    },
    "concat": OpSpec(["tensors", "axis"]) { a throws(MSError) in
      [try MS.concat(try a.tensors("tensors"), axis: try a.int("axis", default: 0))]
    },
    "split": OpSpec(["tensor", "split_size_or_sections", "axis"]) { a throws(MSError) in
      let tensor = try a.tensor("tensor"), axis = try a.int("axis", default: 0)
      if case .int(let size)? = a.values["split_size_or_sections"] { return try MS.split(tensor, size: size, axis: axis) }
      return try MS.split(tensor, sizes: try a.ints("split_size_or_sections"), axis: axis)
    },
    "chunk": OpSpec(["input", "chunks", "axis"]) { a throws(MSError) in
      try MS.chunk(try a.tensor("input"), chunks: try a.int("chunks"), axis: try a.int("axis", default: 0))
    },
    "where": OpSpec(["condition", "input", "other"]) { a throws(MSError) in
      let input = try a.tensor("input")
      return [try MS.where(try a.tensor("condition"), input, try a.operand("other", like: input))]
    },
    "masked_fill": OpSpec(["input_x", "mask", "value"]) { a throws(MSError) in
      [try MS.maskedFill(try a.tensor("input_x"), mask: try a.tensor("mask"), value: try a.float("value"))]
    },
  ]
}
