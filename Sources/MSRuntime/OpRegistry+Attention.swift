extension OpRegistry {
  /// `[tokens, heads * size]` viewed as `[tokens, heads, size]` when `heads` is given.
  private static func splitHeads(_ t: Tensor, heads: Int?, op: String) throws(MSError) -> Tensor {
    guard let heads, t.rank == 2 else { return t }
    guard heads > 0, t.shape[1] % heads == 0 else { throw .shape(op, "\(t.shape) does not split into \(heads) heads") }
    return try t.reshape([t.shape[0], heads, t.shape[1] / heads])
  }

  static let attention: [String: OpSpec] = [
    "reshape_and_cache": OpSpec(["key", "value", "key_cache", "value_cache", "slot_mapping"]) { a throws(MSError) in
      var keyCache = try a.tensor("key_cache")
      let slots = try a.tensor("slot_mapping")
      guard let value = try a.optionalTensor("value") else {
        try MS.reshapeAndCache(key: try a.tensor("key"), keyCache: &keyCache, slotMapping: slots)
        return [keyCache]
      }
      var valueCache = try a.tensor("value_cache")
      try MS.reshapeAndCache(key: try a.tensor("key"), value: value, keyCache: &keyCache, valueCache: &valueCache, slotMapping: slots)
      return [keyCache, valueCache]
    },
    // Query as [batch, heads, size], [batch, heads * size] or BSH [batch, 1, heads * size] (the
    // last two with head_num); the output has the query's layout.
    "paged_attention": OpSpec(
      ["query", "key_cache", "value_cache", "block_tables", "context_lens", "head_num", "scale_value", "kv_head_num"]
    ) { a throws(MSError) in
      let op = "paged_attention"
      let keyCache = try a.tensor("key_cache")
      // BSH decode queries [batch, 1, heads * size] are read as [batch, heads * size].
      let rawQuery = try a.tensor("query")
      let headNum = try a.optionalInt("head_num")
      let bsh = rawQuery.rank == 3 && rawQuery.shape[1] == 1 && (headNum ?? 1) > 1
      let flat = bsh ? try rawQuery.squeeze(dim: 1) : rawQuery
      let query = try splitHeads(flat, heads: headNum, op: op)
      if let kvHeads = try a.optionalInt("kv_head_num"), keyCache.rank == 4, kvHeads != keyCache.shape[2] {
        throw .shape(op, "kv_head_num \(kvHeads) does not match key_cache \(keyCache.shape)")
      }
      let d = query.shape.last ?? 1
      let out = try MS.pagedAttention(
        query: query, keyCache: keyCache, valueCache: try a.tensor("value_cache"), blockTables: try a.tensor("block_tables"),
        contextLens: try a.tensor("context_lens"),
        scale: try a.float("scale_value", default: 1 / Float(Swift.max(d, 1)).squareRoot()))
      if bsh { return [try out.reshape([out.shape[0], 1, -1])] }
      return [flat.rank == 2 ? try out.reshape([out.shape[0], -1]) : out]
    },
    "flash_attention_score": OpSpec(
      [
        "query", "key", "value", "head_num", "actual_seq_qlen", "actual_seq_kvlen", "scalar_value", "pre_tokens",
        "next_tokens", "input_layout", "sparse_mode", "softcap",
      ]
    ) { a throws(MSError) in
      let op = "flash_attention_score"
      let layout = try a.string("input_layout", default: "TND")
      guard layout == "TND" else { throw .argument(op, "input_layout '\(layout)' is not supported (TND)") }
      let heads = try a.int("head_num")
      let rawQuery = try a.tensor("query")
      let query = try splitHeads(rawQuery, heads: heads, op: op)
      guard query.rank == 3, query.shape[1] == heads else { throw .shape(op, "query \(rawQuery.shape) does not have \(heads) heads") }
      let key = try a.tensor("key"), value = try a.tensor("value")
      let kvHeads = key.rank == 2 && query.shape[2] > 0 ? key.shape[1] / query.shape[2] : nil
      let out = try MS.flashAttentionScore(
        query: query, key: splitHeads(key, heads: kvHeads, op: op), value: splitHeads(value, heads: kvHeads, op: op),
        actualSeqQLen: try a.ints("actual_seq_qlen"), actualSeqKVLen: try a.ints("actual_seq_kvlen"),
        scale: try a.float("scalar_value", default: 1), preTokens: try a.int("pre_tokens", default: Int(Int32.max)),
        nextTokens: try a.int("next_tokens", default: Int(Int32.max)), sparseMode: try a.int("sparse_mode", default: 0),
        softCap: try a.optionalFloat("softcap"))
      return [rawQuery.rank == 2 ? try out.reshape([out.shape[0], -1]) : out]
    },
  ]

  static let experts: [String: OpSpec] = [
    "moe_gating_top_k_softmax": OpSpec(["x", "finished", "k", "renormalize"]) { a throws(MSError) in
      let (y, ids, rows) = try MS.moeGatingTopKSoftmax(
        try a.tensor("x"), finished: try a.optionalTensor("finished"), k: try a.int("k", default: 1),
        renormalize: try a.bool("renormalize", default: false))
      return [y, ids, rows]
    },
    "moe_gating_group_topk": OpSpec(
      ["x", "bias", "k", "k_group", "group_count", "renorm", "routed_scaling_factor"]
    ) { a throws(MSError) in
      let (weights, ids) = try MS.moeGatingGroupTopK(
        try a.tensor("x"), bias: try a.tensor("bias"), k: try a.int("k"), groupCount: try a.int("group_count"),
        topkGroup: try a.int("k_group"), renormalize: try a.bool("renorm", default: true),
        routedScalingFactor: try a.float("routed_scaling_factor", default: 1))
      return [weights, ids]
    },
    "grouped_matmul": OpSpec(
      ["x", "weight", "bias", "group_list", "split_item", "group_type", "group_list_type", "transpose_b"]
    ) { a throws(MSError) in
      let op = "grouped_matmul"
      _ = try a.require("split_item", in: [3], default: 3)
      _ = try a.require("group_type", in: [0], default: 0)
      let listType = try a.require("group_list_type", in: [0, 1], default: 0)
      let xs = try a.tensors("x")
      guard xs.count == 1 else { throw .argument(op, "x must be a single tensor, got \(xs.count)") }
      let weights = try a.tensors("weight")
      let weight = weights.count == 1 && weights[0].rank == 3
        ? weights[0] : try MS.concat(weights.map { w throws(MSError) in try w.unsqueeze(dim: 0) }, axis: 0)
      let biases = a.present("bias") == nil ? nil : try a.tensors("bias")
      let bias = try biases.map { list throws(MSError) in
        list.count == 1 && list[0].rank == 2 ? list[0] : try MS.concat(list.map { b throws(MSError) in try b.unsqueeze(dim: 0) }, axis: 0)
      }
      return [
        try MS.groupedMatmul(
          xs[0], weight: weight, groupList: try a.ints("group_list"), bias: bias,
          transposeWeight: try a.bool("transpose_b", default: false), cumulative: listType == 0)
      ]
    },
  ]
}
