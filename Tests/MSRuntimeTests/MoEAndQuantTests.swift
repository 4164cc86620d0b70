import Foundation
import Testing

@testable import MSRuntime

@Suite struct MoEAndQuantTests {
  @Test func gatingTopKSoftmax() throws {
    let logits = try Tensor(shape: [2, 4], values: [1, 3, 2, 3, 0, 0, 0, 1])
    let (y, ids, rows) = try MS.moeGatingTopKSoftmax(logits, k: 2)
    #expect(ids.toIntArray() == [1, 3, 3, 0] && ids.dtype == .int32)
    #expect(rows.toIntArray() == [0, 2, 1, 3])
    let e = [1, 3, 2, 3].map { Foundation.exp(Float($0)) }
    let s = e.reduce(0, +)
    #expect(close(Array(y.toFloatArray()[0..<2]), [e[1] / s, e[3] / s], tolerance: 1e-6))
    let (normalised, _, _) = try MS.moeGatingTopKSoftmax(logits, k: 2, renormalize: true)
    #expect(close(Array(normalised.toFloatArray()[0..<2]), [0.5, 0.5], tolerance: 1e-6))
    let (_, finishedIds, _) = try MS.moeGatingTopKSoftmax(
      logits, finished: Tensor(shape: [2], dtype: .bool, ints: [0, 1]), k: 1)
    #expect(finishedIds.toIntArray() == [1, 4])
    #expect(throws: MSError.self) { try MS.moeGatingTopKSoftmax(logits, k: 5) }
  }

  @Test func deepSeekGroupedTopK() throws {
    // 8 experts in 4 groups of 2; keep 2 groups, pick 3 experts.
    let logits = try Tensor(shape: [1, 8], values: [2, -1, 0.5, 0.4, -2, 3, 1, 1.2])
    let bias = try Tensor(shape: [8], values: [0, 0, 0, 0, 0, 0, 0.5, 0])
    let (weights, ids) = try MS.moeGatingGroupTopK(
      logits, bias: bias, k: 3, groupCount: 4, topkGroup: 2, renormalize: true, routedScalingFactor: 2.5)
    let sig = logits.toFloatArray().map { 1 / (1 + Foundation.exp(-$0)) }
    let biased = zip(sig, bias.toFloatArray()).map { $0 + $1 }
    // Group sums of biased scores: g0 = s0+s1, g1 = s2+s3, g2 = s4+s5, g3 = s6+s7.
    let groups = (0..<4).map { biased[2 * $0] + biased[2 * $0 + 1] }
    #expect(groups[3] > groups[1] && groups[1] > groups[0] && groups[0] > groups[2])
    // Kept groups 3 and 1: experts 2, 3, 6, 7; top 3 by biased score are 6, 7, 2 (expert 0
    // scores higher than 2 but its group is dropped).
    #expect(ids.toIntArray() == [6, 7, 2])
    let chosen = [sig[6], sig[7], sig[2]]
    let total = chosen.reduce(0, +)
    #expect(close(weights.toFloatArray(), chosen.map { $0 / total * 2.5 }, tolerance: 1e-6))
    #expect(throws: MSError.self) { try MS.moeGatingGroupTopK(logits, bias: bias, k: 3, groupCount: 3, topkGroup: 2) }
  }

  @Test func groupedMatmulUsesEachExpertsWeight() throws {
    let x = try random([5, 3], seed: 1), w = try random([2, 3, 4], seed: 2)
    let y = try MS.groupedMatmul(x, weight: w, groupList: [2, 4])
    let xv = x.toFloatArray(), wv = w.toFloatArray(), yv = y.toFloatArray()
    for row in 0..<5 {
      for j in 0..<4 {
        var expected: Float = 0
        if row < 4 {
          let e = row < 2 ? 0 : 1
          for p in 0..<3 { expected += xv[row * 3 + p] * wv[e * 12 + p * 4 + j] }
        }
        #expect(Swift.abs(yv[row * 4 + j] - expected) < 1e-5)
      }
    }
    let counts = try MS.groupedMatmul(x, weight: w.transpose(1, 2).contiguous(), groupList: [2, 2], transposeWeight: true, cumulative: false)
    #expect(close(counts.toFloatArray(), yv))
    #expect(throws: MSError.self) { try MS.groupedMatmul(x, weight: w, groupList: [3, 2]) }
    #expect(throws: MSError.self) { try MS.groupedMatmul(x, weight: w, groupList: [2, 6]) }
  }

  @Test func dynamicQuantRoundsHalfToEven() throws {
    let x = try Tensor(shape: [2, 4], values: [127, 0.5, 1.5, -2.5, 0, 0, 0, 0])
    let (y, scale) = try MS.dynamicQuant(x)
    #expect(y.dtype == .int8 && scale.shape == [2])
    #expect(y.toIntArray() == [127, 0, 2, -2, 0, 0, 0, 0])
    #expect(scale.toFloatArray() == [1, 0])
    let (smoothed, smoothScale) = try MS.dynamicQuant(x, smoothScales: Tensor(shape: [4], values: [1, 2, 2, 2]))
    #expect(smoothScale.toFloatArray()[0] == 1 && smoothed.toIntArray()[1] == 1)
    let extreme = try MS.dynamicQuant(Tensor(shape: [1, 2], values: [-3, 1])).0
    #expect(extreme.toIntArray() == [-127, 42])
  }

  @Test func quantBatchMatmulScalesIntegerProducts() throws {
    let a = try Tensor(shape: [2, 3], dtype: .int8, ints: [1, -2, 3, 127, -128, 5])
    let b = try Tensor(shape: [3, 2], dtype: .int8, ints: [4, -1, 2, 0, -3, 7])
    let out = try MS.quantBatchMatmul(
      a, b, scale: Tensor(shape: [2], values: [0.5, 2]), pertokenScale: Tensor(shape: [2], values: [1, 0.25]),
      bias: Tensor(shape: [2], dtype: .int32, ints: [1, -1]), dtype: .float32)
    let acc = [1 * 4 - 2 * 2 + 3 * -3, 1 * -1 + 0 + 3 * 7, 127 * 4 - 128 * 2 + 5 * -3, -127 + 0 + 35]
    let expected: [Float] = [
      Float(acc[0] + 1) * 0.5, Float(acc[1] - 1) * 2, Float(acc[2] + 1) * 0.5 * 0.25, Float(acc[3] - 1) * 2 * 0.25,
    ]
    #expect(out.toFloatArray() == expected)
    let transposed = try MS.quantBatchMatmul(
      a, b.transpose(0, 1).contiguous(), scale: Tensor(shape: [1], values: [1]), transposeX2: true, dtype: .bfloat16)
    #expect(transposed.dtype == .bfloat16 && transposed.toFloatArray()[0] == Float(acc[0]))
    #expect(throws: MSError.self) { try MS.quantBatchMatmul(a.cast(to: .float32), b, scale: Tensor(scalar: 1)) }
  }
}
