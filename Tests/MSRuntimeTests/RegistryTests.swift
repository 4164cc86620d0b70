import Testing

@testable import MSRuntime

@Suite struct RegistryTests {
  @Test func everyOpRejectsMissingArgumentsWithATypedError() {
    #expect(MS.opNames.count >= 50)
    for name in MS.opNames {
      let error = #expect(throws: MSError.self, "\(name)") { try MS.call(name, args: [:]) }
      #expect(error?.kind == .missingArgument, "\(name)")
      #expect(MS.parameters(of: name)?.isEmpty == false)
    }
  }

  @Test func everyOpSurvivesIllShapedTensors() throws {
    // Wrongly shaped tensors for every tensor-like argument: a typed error or a result, never a trap.
    let odd = try Tensor(shape: [3, 5], values: (0..<15).map(Float.init))
    let ints = try Tensor(shape: [7], dtype: .int32, ints: [9, -4, 2, 0, 100, 3, 1])
    let scalar = Tensor(scalar: 2), empty = try Tensor.zeros([0, 4]), wide = try Tensor.zeros([2, 0, 3], dtype: .float16)
    let fillers: [Value] = [
      .tensor(odd), .tensor(ints), .tensor(scalar), .tensor(empty), .tensor(wide), .int(-3), .int(0), .ints([2, -1]),
      .ints([]), .tensors([odd, ints]), .tensors([]), .float(.nan), .string("x"), .bool(true), .none, .int(.max),
      .int(.min), .ints([.max, .max]), .ints([.min, -1]), .float(.infinity),
    ]
    for name in MS.opNames {
      guard let parameters = MS.parameters(of: name) else { continue }
      for filler in fillers {
        var args = [String: Value]()
        for p in parameters { args[p] = filler }
        do { _ = try MS.call(name, args: args) } catch {}
        // One odd argument among plausible ones.
        for odd in parameters {
          var mixed = [String: Value]()
          for p in parameters { mixed[p] = .tensor(ints) }
          mixed[parameters[0]] = .tensor(try random([4, 8], seed: 1))
          mixed[odd] = filler
          do { _ = try MS.call(name, args: mixed) } catch {}
        }
      }
    }
  }

  @Test func callsMatchDirectFunctions() throws {
    let x = try random([4, 8], seed: 1), gamma = try random([8], seed: 2)
    let out = try MS.call("rms_norm", args: ["x": .tensor(x), "gamma": .tensor(gamma), "epsilon": .float(1e-5)])
    let (y, rstd) = try MS.rmsNorm(x, gamma, epsilon: 1e-5)
    #expect(out.count == 2 && out[0].toFloatArray() == y.toFloatArray() && out[1].toFloatArray() == rstd.toFloatArray())
    let sum = try MS.call("add", args: ["input": .tensor(x.cast(to: .float16)), "other": .float(1)])
    #expect(sum[0].dtype == .float16)
    let top = try MS.call("topk", args: ["input": .tensor(x), "k": .int(2), "dim": .int(-1)])
    #expect(top.count == 2 && top[1].shape == [4, 2])
    let split = try MS.call("split", args: ["tensor": .tensor(x), "split_size_or_sections": .int(3), "axis": .int(1)])
    #expect(split.map(\.shape) == [[4, 3], [4, 3], [4, 2]])
    let joined = try MS.call("concat", args: ["tensors": .tensors(split), "axis": .int(1)])
    #expect(joined[0].toFloatArray() == x.toFloatArray())
    let d = try MS.call("dense", args: ["input": .tensor(x), "weight": .tensor(try random([3, 8], seed: 3)), "bias": .none])
    #expect(d[0].shape == [4, 3])
  }

  @Test func cacheAndAttentionByName() throws {
    let key = try random([2, 16], seed: 1)
    let cache = try Tensor.zeros([2, 2, 2, 8])
    let out = try MS.call(
      "reshape_and_cache",
      args: [
        "key": .tensor(key), "value": .tensor(key), "key_cache": .tensor(cache), "value_cache": .tensor(cache),
        "slot_mapping": .tensor(try Tensor(shape: [2], dtype: .int32, ints: [3, -1])),
      ])
    #expect(out.count == 2 && Array(out[0].toFloatArray()[48..<64]) == Array(key.toFloatArray()[0..<16]))
    #expect(cache.toFloatArray().allSatisfy { $0 == 0 })  // the caller's tensor is untouched
    let attention = try MS.call(
      "paged_attention",
      args: [
        "query": .tensor(try random([1, 32], seed: 2)), "key_cache": .tensor(out[0]), "value_cache": .tensor(out[1]),
        "block_tables": .tensor(try Tensor(shape: [1, 2], dtype: .int32, ints: [1, 0])),
        "context_lens": .tensor(try Tensor(shape: [1], dtype: .int32, ints: [2])), "head_num": .int(4),
        "kv_head_num": .int(2), "scale_value": .float(0.25),
      ])
    #expect(attention[0].shape == [1, 32])
    var bshArgs = [String: Value]()
    for (key, value) in [
      ("key_cache", Value.tensor(out[0])), ("value_cache", .tensor(out[1])),
      ("block_tables", .tensor(try Tensor(shape: [1, 2], dtype: .int32, ints: [1, 0]))),
      ("context_lens", .tensor(try Tensor(shape: [1], dtype: .int32, ints: [2]))), ("head_num", .int(4)),
      ("scale_value", .float(0.25)),
    ] { bshArgs[key] = value }
    bshArgs["query"] = .tensor(try random([1, 32], seed: 2).reshape([1, 1, 32]))
    let bsh = try MS.call("paged_attention", args: bshArgs)
    #expect(bsh[0].shape == [1, 1, 32] && bsh[0].toFloatArray() == attention[0].toFloatArray())
    let q = try random([5, 32], seed: 3)
    let prefill = try MS.call(
      "flash_attention_score",
      args: [
        "query": .tensor(q), "key": .tensor(try random([5, 16], seed: 4)), "value": .tensor(try random([5, 16], seed: 5)),
        "head_num": .int(4), "actual_seq_qlen": .ints([2, 5]), "actual_seq_kvlen": .ints([2, 5]),
        "scalar_value": .float(0.35), "sparse_mode": .int(3), "input_layout": .string("TND"),
      ])
    #expect(prefill[0].shape == [5, 32])
    let bad = #expect(throws: MSError.self) {
      try MS.call("flash_attention_score", args: ["query": .tensor(q), "key": .tensor(q), "value": .tensor(q), "head_num": .int(4),
        "actual_seq_qlen": .ints([5]), "actual_seq_kvlen": .ints([5]), "input_layout": .string("BSH")])
    }
    #expect(bad?.kind == .invalidArgument)
  }

  @Test func groupedMatmulAcceptsWeightLists() throws {
    let x = try random([3, 4], seed: 1)
    let w0 = try random([4, 2], seed: 2), w1 = try random([4, 2], seed: 3)
    let out = try MS.call(
      "grouped_matmul",
      args: ["x": .tensors([x]), "weight": .tensors([w0, w1]), "group_list": .ints([1, 3]), "split_item": .int(3)])
    let first = try MS.matmul(x.narrow(dim: 0, start: 0, length: 1), w0).toFloatArray()
    #expect(close(Array(out[0].toFloatArray()[0..<2]), first))
    #expect(throws: MSError.self) {
      try MS.call("grouped_matmul", args: ["x": .tensor(x), "weight": .tensors([w0, w1]), "group_list": .ints([1, 3]), "group_type": .int(2)])
    }
  }
}

@Suite struct RegistryOutputTests {
  @Test func dtypeNamesParse() {
    #expect(DType(name: "mstype.float16") == .float16)
    #expect(DType(name: "ms.bfloat16") == .bfloat16)
    #expect(DType(name: "bf16") == .bfloat16 && DType(name: "fp32") == .float32)
    #expect(DType(name: "int8") == .int8 && DType(name: "bool_") == .bool)
    #expect(DType(name: "complex64") == nil)
  }

  @Test func tupleOutputsFollowMindSporeOrder() throws {
    let x = try random([3, 8], seed: 4)
    let quant = try MS.call("dynamic_quant", args: ["x": .tensor(x)])
    #expect(quant.map(\.dtype) == [.int8, .float32] && quant[1].shape == [3])
    let product = try MS.call(
      "quant_batch_matmul",
      args: [
        "x1": .tensor(quant[0]), "x2": .tensor(quant[0]), "scale": .tensor(try Tensor.full([3], value: 0.5)),
        "pertoken_scale": .tensor(quant[1]), "transpose_x2": .bool(true), "dtype": .string("bfloat16"),
      ])
    #expect(product[0].shape == [3, 3] && product[0].dtype == .bfloat16)
    let gating = try MS.call("moe_gating_top_k_softmax", args: ["x": .tensor(x), "k": .int(2)])
    #expect(gating.map(\.dtype) == [.float32, .int32, .int32])
    let grouped = try MS.call(
      "moe_gating_group_topk",
      args: ["x": .tensor(x), "bias": .tensor(try Tensor.zeros([8])), "k": .int(2), "k_group": .int(2), "group_count": .int(4)])
    #expect(grouped[0].shape == [3, 2] && grouped[1].dtype == .int32)
    let norm = try MS.call("add_rms_norm", args: ["x1": .tensor(x), "x2": .tensor(x), "gamma": .tensor(try Tensor.full([8], value: 1))])
    #expect(norm.count == 3 && norm[2].toFloatArray() == x.toFloatArray().map { $0 * 2 })
    let (values, indices) = try MS.max(x, dim: 1)
    let byName = try MS.call("max", args: ["input": .tensor(x), "dim": .int(1)])
    #expect(byName[0].toFloatArray() == values.toFloatArray() && byName[1].toIntArray() == indices.toIntArray())
    #expect(throws: MSError.self) { try MS.call("quant_batch_matmul", args: ["x1": .tensor(quant[0]), "x2": .tensor(quant[0]), "scale": .float(1), "offset": .float(0)]) }
  }
}
