import Testing

@testable import MSRuntime

@Suite struct MatMulTests {
  /// Plain triple loop: a [M, K] · b [K, N].
  func reference(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
    var c = [Float](repeating: 0, count: m * n)
    for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
    return c
  }

  @Test func matmulAndTransposes() throws {
    let a = try random([5, 7], seed: 1), b = try random([7, 3], seed: 2)
    let expected = reference(a.toFloatArray(), b.toFloatArray(), m: 5, k: 7, n: 3)
    #expect(close(try MS.matmul(a, b).toFloatArray(), expected))
    let at = try a.transpose(0, 1).contiguous(), bt = try b.transpose(0, 1).contiguous()
    #expect(close(try MS.matmul(at, bt, transposeA: true, transposeB: true).toFloatArray(), expected))
    #expect(close(try MS.matmul(try at.transpose(0, 1), b).toFloatArray(), expected))  // strided view
    let sliced = try random([5, 10], seed: 9).slice(dim: 1, start: 1, end: 8)
    let slicedExpected = reference(sliced.toFloatArray(), b.toFloatArray(), m: 5, k: 7, n: 3)
    #expect(close(try MS.matmul(sliced, b).toFloatArray(), slicedExpected))
    #expect(throws: MSError.self) { try MS.matmul(a, a) }
  }

  @Test func batchedWithBroadcast() throws {
    let a = try random([2, 3, 4, 5], seed: 3), b = try random([3, 5, 6], seed: 4)
    let c = try MS.batchMatmul(a, b)
    #expect(c.shape == [2, 3, 4, 6])
    let av = a.toFloatArray(), bv = b.toFloatArray(), cv = c.toFloatArray()
    for i in 0..<2 {
      for j in 0..<3 {
        let r = reference(
          Array(av[(i * 3 + j) * 20..<(i * 3 + j + 1) * 20]), Array(bv[j * 30..<(j + 1) * 30]), m: 4, k: 5, n: 6)
        #expect(close(Array(cv[(i * 3 + j) * 24..<(i * 3 + j + 1) * 24]), r))
      }
    }
    let shared = try MS.matmul(a, try random([5, 2], seed: 5))  // folded into one sgemm
    #expect(shared.shape == [2, 3, 4, 2])
    let vec = try MS.matmul(try random([5], seed: 6), try random([5, 2], seed: 7))
    #expect(vec.shape == [2])
    #expect(throws: MSError.self) { try MS.batchMatmul(a, try random([2, 5, 6], seed: 1)) }
  }

  @Test func denseIsXTimesWeightTransposedPlusBias() throws {
    let x = try random([2, 3, 8], seed: 1), w = try random([4, 8], seed: 2), bias = try random([4], seed: 3)
    let y = try MS.dense(x, w, bias)
    #expect(y.shape == [2, 3, 4])
    let wt = try w.transpose(0, 1).contiguous().toFloatArray()
    var expected = reference(x.toFloatArray(), wt, m: 6, k: 8, n: 4)
    for i in 0..<expected.count { expected[i] += bias.toFloatArray()[i % 4] }
    #expect(close(y.toFloatArray(), expected))
    let half = try MS.dense(x.cast(to: .bfloat16), w.cast(to: .bfloat16))
    #expect(half.dtype == .bfloat16)
    #expect(throws: MSError.self) { try MS.dense(x, try random([4, 7], seed: 1)) }
    #expect(throws: MSError.self) { try MS.dense(x, w, try random([3], seed: 1)) }
    #expect(MS.blasThreads >= 1)
  }
}
