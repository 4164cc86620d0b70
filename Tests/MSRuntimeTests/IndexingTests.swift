import Testing

@testable import MSRuntime

@Suite struct IndexingTests {
  @Test func gatherEmbeddingAndIndexSelect() throws {
    let table = try Tensor(shape: [4, 2], values: [0, 1, 10, 11, 20, 21, 30, 31])
    let ids = try Tensor(shape: [2, 2], dtype: .int32, ints: [3, 0, -1, 2])
    let rows = try MS.embedding(ids, weight: table)
    #expect(rows.shape == [2, 2, 2] && rows.toFloatArray() == [30, 31, 0, 1, 30, 31, 20, 21])
    let columns = try MS.gather(table, indices: Tensor(shape: [1], dtype: .int64, ints: [1]), axis: 1)
    #expect(columns.shape == [4, 1] && columns.toFloatArray() == [1, 11, 21, 31])
    #expect(try MS.indexSelect(table, axis: 0, index: Tensor(shape: [2], ints: [2, 2])).toFloatArray() == [20, 21, 20, 21])
    #expect(throws: MSError.self) { try MS.gather(table, indices: Tensor(shape: [1], ints: [4])) }
    #expect(throws: MSError.self) { try MS.gather(table, indices: Tensor(shape: [1], values: [1])) }
    let halfTable = table.cast(to: .bfloat16)
    #expect(try MS.gather(halfTable, indices: Tensor(shape: [1], ints: [1])).dtype == .bfloat16)
  }

  @Test func topkOrdersByValueThenIndex() throws {
    let x = try Tensor(shape: [2, 5], values: [1, 3, 3, 2, 0, 5, .nan, 4, 4, -1])
    let (values, indices) = try MS.topk(x, k: 3)
    #expect(indices.dtype == .int32)
    #expect(indices.toIntArray() == [1, 2, 3, 1, 0, 2])  // NaN ranks first
    #expect(Array(values.toFloatArray()[0..<3]) == [3, 3, 2])
    let (small, smallIndices) = try MS.topk(x, k: 2, largest: false)
    #expect(smallIndices.toIntArray() == [4, 0, 4, 2] && Array(small.toFloatArray()[0..<2]) == [0, 1])
    let (_, alongRows) = try MS.topk(x, k: 1, dim: 0)
    #expect(alongRows.shape == [1, 5] && alongRows.toIntArray() == [1, 1, 1, 1, 0])
    #expect(throws: MSError.self) { try MS.topk(x, k: 6) }
  }

  @Test func concatSplitChunk() throws {
    let a = try Tensor(shape: [2, 2], values: [1, 2, 3, 4]), b = try Tensor(shape: [2, 1], values: [5, 6])
    let joined = try MS.concat([a, b], axis: 1)
    #expect(joined.shape == [2, 3] && joined.toFloatArray() == [1, 2, 5, 3, 4, 6])
    #expect(try MS.concat([a, a], axis: 0).toFloatArray() == [1, 2, 3, 4, 1, 2, 3, 4])
    #expect(throws: MSError.self) { try MS.concat([a, b], axis: 0) }
    #expect(throws: MSError.self) { try MS.concat([], axis: 0) }
    let parts = try MS.split(joined, sizes: [2, 1], axis: 1)
    #expect(parts.map(\.shape) == [[2, 2], [2, 1]] && parts[1].toFloatArray() == [5, 6])
    #expect(parts[0].sharesStorage(with: joined))
    #expect(try MS.split(joined, size: 2, axis: 1).map(\.shape) == [[2, 2], [2, 1]])
    #expect(try MS.chunk(try Tensor.zeros([5]), chunks: 2).map(\.shape) == [[3], [2]])
    #expect(throws: MSError.self) { try MS.split(joined, sizes: [2, 2], axis: 1) }
  }

  @Test func whereAndMaskedFill() throws {
    let x = try Tensor(shape: [2, 2], values: [1, 2, 3, 4])
    let mask = try Tensor(shape: [2], dtype: .bool, ints: [1, 0])
    #expect(try MS.maskedFill(x, mask: mask, value: -1).toFloatArray() == [-1, 2, -1, 4])
    #expect(try MS.where(mask, x, Tensor(scalar: 0)).toFloatArray() == [1, 0, 3, 0])
    #expect(throws: MSError.self) { try MS.maskedFill(x, mask: Tensor.zeros([3], dtype: .bool), value: 0) }
  }
}
