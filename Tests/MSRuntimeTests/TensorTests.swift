import Testing

@testable import MSRuntime

@Suite struct TensorTests {
  @Test func storesValuesRoundedToDType() throws {
    let t = try Tensor(shape: [3], dtype: .float16, values: [1, 0.1, 70000])
    #expect(t.toFloatArray() == [1, HalfPrecision.float(fromFloat16Bits: 0x2E66), .infinity])
    let b = try Tensor(shape: [1], dtype: .bfloat16, values: [1.00390625])
    #expect(b.toFloatArray() == [1])
    let i = try Tensor(shape: [3], dtype: .int32, values: [1.9, -1.9, .nan])
    #expect(i.toIntArray() == [1, -1, 0])
  }

  @Test func rejectsCountMismatchAndNegativeShapes() {
    #expect(throws: MSError.self) { try Tensor(shape: [2, 2], values: [1, 2, 3]) }
    #expect(throws: MSError.self) { try Tensor.zeros([-1]) }
  }

  @Test func viewsShareStorage() throws {
    let t = try Tensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
    let transposed = try t.transpose(0, 1)
    #expect(transposed.sharesStorage(with: t))
    #expect(transposed.shape == [3, 2])
    #expect(!transposed.isContiguous)
    #expect(transposed.toFloatArray() == [0, 3, 1, 4, 2, 5])
    #expect(try transposed[2, 1] == 5)
    let sliced = try t.slice(dim: 1, start: 1, end: 3)
    #expect(sliced.sharesStorage(with: t) && sliced.toFloatArray() == [1, 2, 4, 5])
    let stepped = try t.slice(dim: 1, start: 0, end: 3, step: 2)
    #expect(stepped.toFloatArray() == [0, 2, 3, 5])
    let narrowed = try t.narrow(dim: 0, start: -1, length: 1)
    #expect(narrowed.toFloatArray() == [3, 4, 5])
    let reshaped = try t.reshape([3, -1])
    #expect(reshaped.sharesStorage(with: t) && reshaped.shape == [3, 2])
    let unsqueezed = try t.unsqueeze(dim: -1)
    #expect(unsqueezed.shape == [2, 3, 1] && unsqueezed.sharesStorage(with: t))
    #expect(try unsqueezed.squeeze().shape == [2, 3])
    #expect(try t.unsqueeze(dim: 0).squeeze(dim: 0).toFloatArray() == t.toFloatArray())
  }

  @Test func reshapeOfNonContiguousCopies() throws {
    let t = try Tensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
    let flat = try t.transpose(0, 1).reshape([6])
    #expect(!flat.sharesStorage(with: t))
    #expect(flat.toFloatArray() == [0, 3, 1, 4, 2, 5])
    #expect(throws: MSError.self) { try t.reshape([4]) }
    #expect(throws: MSError.self) { try t.reshape([-1, -1]) }
  }

  @Test func expandBroadcastsWithoutCopying() throws {
    let row = try Tensor(shape: [3], values: [1, 2, 3])
    let grid = try row.expand(to: [2, 3])
    #expect(grid.strides == [0, 1] && grid.sharesStorage(with: row))
    #expect(grid.toFloatArray() == [1, 2, 3, 1, 2, 3])
    let column = try Tensor(shape: [2, 1], values: [1, 2])
    #expect(try column.expand(to: [2, -1, 4]).shape == [2, 2, 4])
    #expect(throws: MSError.self) { try row.expand(to: [2, 4]) }
    #expect(try Tensor.broadcastShape([4, 1, 3], [5, 1]) == [4, 5, 3])
    #expect(throws: MSError.self) { try Tensor.broadcastShape([2, 3], [3, 2]) }
  }

  @Test func castRoundsAndTruncates() throws {
    let t = try Tensor(shape: [4], values: [1.5, -2.7, 65520, 0])
    #expect(t.cast(to: .float16).toFloatArray() == [1.5, -2.6992188, .infinity, 0])
    #expect(t.cast(to: .int8).toIntArray() == [1, -2, 127, 0])
    #expect(t.cast(to: .bool).toIntArray() == [1, 1, 1, 0])
    let big = try Tensor(shape: [1], dtype: .int64, ints: [1 << 40])
    #expect(big.cast(to: .int32).toIntArray() == [Int(Int32.max)])
  }

  @Test func elementAccessChecksIndices() throws {
    let t = try Tensor(shape: [2, 2], values: [1, 2, 3, 4])
    #expect(try t[[1, -1]] == 4)
    #expect(throws: MSError.self) { try t[2, 0] }
    #expect(throws: MSError.self) { try t[0] }
    #expect(try Tensor(scalar: 3).scalar == 3)
    #expect(throws: MSError.self) { try t.scalar }
  }

  @Test func seededRandomIsReproducible() throws {
    let a = try Tensor.randn([1000], seed: 42)
    let b = try Tensor.randn([1000], seed: 42)
    #expect(a.toFloatArray() == b.toFloatArray())
    let values = a.toFloatArray()
    let mean = values.reduce(0, +) / 1000
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1000
    #expect(abs(mean) < 0.1 && abs(variance - 1) < 0.15)
    let u = try Tensor.uniform([1000], low: -2, high: 2, seed: 1).toFloatArray()
    #expect(u.allSatisfy { $0 >= -2 && $0 < 2 })
    // SplitMix64 reference stream for seed 0.
    var generator = SeededGenerator(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
  }

  @Test func callRunsViewOpsAndRejectsUnknowns() throws {
    let t = try Tensor(shape: [2, 3], values: [0, 1, 2, 3, 4, 5])
    let out = try MS.call("transpose", args: ["input": .tensor(t), "input_perm": .ints([1, 0])])
    #expect(out[0].shape == [3, 2])
    let error = #expect(throws: MSError.self) { try MS.call("no_such_op", args: [:]) }
    #expect(error?.kind == .unknownOp)
    let unknown = #expect(throws: MSError.self) {
      try MS.call("reshape", args: ["input": .tensor(t), "shape": .ints([6]), "bogus": .int(1)])
    }
    #expect(unknown?.kind == .unknownArgument && unknown?.description.contains("bogus") == true)
    let missing = #expect(throws: MSError.self) { try MS.call("reshape", args: ["input": .tensor(t)]) }
    #expect(missing?.kind == .missingArgument)
    #expect(throws: MSError.self) { try MS.call("cast", args: ["input": .tensor(t), "dtype": .string("float128")]) }
  }
}

@Suite struct TensorEdgeTests {
  @Test func scalarsRejectDimensionArguments() throws {
    let s = Tensor(scalar: 1)
    #expect(throws: MSError.self) { try s.narrow(dim: 0, start: 0, length: 1) }
    #expect(throws: MSError.self) { try s.slice(dim: 0, start: 0, end: 1) }
    #expect(throws: MSError.self) { try s.transpose(0, 0) }
    #expect(throws: MSError.self) { try s.squeeze(dim: 0) }
    #expect(throws: MSError.self) { try MS.concat([s, s], axis: 0) }
    #expect(throws: MSError.self) { try MS.split(s, size: 1) }
    #expect(try s.unsqueeze(dim: 0).shape == [1])
    #expect(try s.reshape([1, 1]).shape == [1, 1])
  }

  @Test func zeroSizedTensorsFlowThroughOps() throws {
    let empty = try Tensor.zeros([0, 8])
    #expect(try MS.softmax(empty).shape == [0, 8])
    #expect(try MS.rmsNorm(empty, Tensor.full([8], value: 1)).0.shape == [0, 8])
    #expect(try MS.dense(empty, Tensor.zeros([3, 8])).shape == [0, 3])
    #expect(try MS.add(empty, Tensor(scalar: 1)).count == 0)
  }
}
