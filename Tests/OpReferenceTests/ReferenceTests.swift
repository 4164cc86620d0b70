import Testing
import Foundation
@testable import OpReference

@Suite struct ReferenceTests {
  @Test func rmsNormRoundsBeforeTheWeight() {
    // Row [3, 4]: mean square 12.5, rsqrt ≈ 0.28284; normalised [0.84853, 1.13137].
    let out = Reference.rmsNorm(
      input: RefTensor(shape: [1, 2], values: [3, 4]), weight: [1, 2], epsilon: 0, dtype: .float32)
    #expect(abs(out.values[0] - 0.848528) < 1e-5)
    #expect(abs(out.values[1] - 2.262742) < 1e-5)
    // In float16 the normalised value is rounded first: 0.8486328 · 3 = 2.5458984 → 2.546875.
    let half = Reference.rmsNorm(
      input: RefTensor(shape: [1, 2], values: [3, 4]), weight: [3, 3], epsilon: 0, dtype: .float16)
    #expect(half.values[0] == 2.546875)
  }

  @Test func fusedAddRmsNormUpdatesBothArguments() {
    var input = RefTensor(shape: [1, 2], values: [1, 2])
    var residual = RefTensor(shape: [1, 2], values: [2, 2])
    Reference.fusedAddRmsNorm(input: &input, residual: &residual, weight: [1, 1], epsilon: 0, dtype: .float32)
    #expect(residual.values == [3, 4])
    #expect(abs(input.values[0] - 0.848528) < 1e-5)
  }

  @Test func gatedActivationsMultiplyTheSecondHalf() {
    let x = RefTensor(shape: [1, 4], values: [0, 1, 5, 7])
    let silu = Reference.gatedActivation(.silu, x: x, dtype: .float32)
    #expect(silu.shape == [1, 2])
    #expect(silu.values[0] == 0)
    #expect(abs(silu.values[1] - 0.7310586 * 7) < 1e-5)
    let gelu = Reference.gatedActivation(.gelu, x: x, dtype: .float32)
    #expect(abs(gelu.values[1] - 0.8413447 * 7) < 1e-5)
    let tanh = Reference.gatedActivation(.geluTanh, x: x, dtype: .float32)
    #expect(abs(tanh.values[1] - 0.8411920 * 7) < 1e-5)
  }

  @Test func rotaryNeoxAndInterleavedDiffer() {
    // One token at position 1, head size 4, full rotary: cos = [0, 1], sin = [1, 0].
    let cache = RefTensor(shape: [2, 4], values: [1, 1, 0, 0, 0, 1, 1, 0])
    var query = RefTensor(shape: [1, 4], values: [1, 2, 3, 4])
    var key: RefTensor? = nil
    Reference.rotaryEmbedding(
      positions: [1], query: &query, key: &key, headSize: 4, cosSinCache: cache, isNeox: true, dtype: .float32)
    // Pairs (x0, x2) rotate by 90°, (x1, x3) stay.
    #expect(query.values == [-3, 2, 1, 4])
    var gptj = RefTensor(shape: [1, 4], values: [1, 2, 3, 4])
    Reference.rotaryEmbedding(
      positions: [1], query: &gptj, key: &key, headSize: 4, cosSinCache: cache, isNeox: false, dtype: .float32)
    // Pairs (x0, x1) rotate by 90°, (x2, x3) stay.
    #expect(gptj.values == [-2, 1, 3, 4])
  }

  @Test func partialRotaryLeavesTheTailAlone() {
    // rot_dim 2 of head size 4: cos = 0, sin = 1 at position 0.
    let cache = RefTensor(shape: [1, 2], values: [0, 1])
    var query = RefTensor(shape: [1, 8], values: [1, 2, 3, 4, 5, 6, 7, 8])
    var key: RefTensor? = RefTensor(shape: [1, 4], values: [1, 2, 3, 4])
    Reference.rotaryEmbedding(
      positions: [0], query: &query, key: &key, headSize: 4, cosSinCache: cache, isNeox: true, dtype: .float32)
    #expect(query.values == [-2, 1, 3, 4, -6, 5, 7, 8])
    #expect(key?.values == [-2, 1, 3, 4])
  }

  @Test func reshapeAndCacheUsesThePagedLayoutAndSkipsPadding() {
    // float32: x = 4; head size 8, one KV head, block size 2, two blocks.
    let key = RefTensor(shape: [2, 1, 8], values: (0..<16).map(Float.init))
    let value = RefTensor(shape: [2, 1, 8], values: (100..<116).map(Float.init))
    var keyCache = RefTensor.zeros([2, 1, 2, 2, 4])
    var valueCache = RefTensor.zeros([2, 1, 8, 2])
    Reference.reshapeAndCache(
      key: key, value: value, keyCache: &keyCache, valueCache: &valueCache,
      slotMapping: [3, -1], blockSize: 2, dtype: .float32)
    // Slot 3 = block 1, offset 1. Key element d lands at [1, 0, d / 4, 1, d % 4].
    #expect(keyCache.values[16 + 0 * 8 + 1 * 4 + 1] == 1)
    #expect(keyCache.values[16 + 1 * 8 + 1 * 4 + 3] == 7)
    #expect(valueCache.values[16 + 5 * 2 + 1] == 105)
    #expect(keyCache.values.filter { $0 != 0 }.count == 7)  // token 1 skipped, key[0] is 0
  }

  @Test func reshapeAndCacheFlashWritesRows() {
    let key = RefTensor(shape: [1, 2, 2], values: [1, 2, 3, 4])
    var keyCache = RefTensor.zeros([1, 4, 2, 2])
    var valueCache = RefTensor.zeros([1, 4, 2, 2])
    Reference.reshapeAndCacheFlash(
      key: key, value: key, keyCache: &keyCache, valueCache: &valueCache, slotMapping: [2])
    #expect(Array(keyCache.values[8..<12]) == [1, 2, 3, 4])
    #expect(valueCache.values.reduce(0, +) == 10)
  }

  @Test func pagedAttentionAveragesEqualLogits() {
    // One sequence of two tokens with identical keys: output is the mean of the values.
    let x = 4
    var keyCache = RefTensor.zeros([1, 1, 4 / x, 2, x])
    var valueCache = RefTensor.zeros([1, 1, 4, 2])
    let key = RefTensor(shape: [2, 1, 4], values: [1, 0, 0, 0, 1, 0, 0, 0])
    let value = RefTensor(shape: [2, 1, 4], values: [2, 4, 6, 8, 4, 6, 8, 10])
    Reference.reshapeAndCache(
      key: key, value: value, keyCache: &keyCache, valueCache: &valueCache,
      slotMapping: [0, 1], blockSize: 2, dtype: .float32)
    // Two query heads share the KV head (GQA 2:1).
    let query = RefTensor(shape: [1, 2, 4], values: [1, 1, 1, 1, 0, 0, 0, 0])
    let out = Reference.pagedAttentionV1(
      query: query, keyCache: keyCache, valueCache: valueCache, numKVHeads: 1, scale: 0.5,
      blockTables: [[0]], seqLens: [2], blockSize: 2, dtype: .float32)
    #expect(out.values == [3, 5, 7, 9, 3, 5, 7, 9])
  }

  @Test func topkSoftmaxRenormalisesOnRequest() {
    let gating = RefTensor(shape: [2, 3], values: [0, 0, 0, 1, 3, 2])
    let plain = Reference.topkSoftmax(gating: gating, topk: 2, renormalize: false)
    #expect(plain.ids == [0, 1, 1, 2])
    #expect(abs(plain.weights.values[0] - 1.0 / 3) < 1e-6)
    #expect(plain.tokenExpertIndices == [0, 2, 1, 3])
    let renormalised = Reference.topkSoftmax(gating: gating, topk: 2, renormalize: true)
    #expect(abs(renormalised.weights.values[0] - 0.5) < 1e-6)
    #expect(abs(renormalised.weights.values[2] + renormalised.weights.values[3] - 1) < 1e-6)
  }

  @Test func groupedTopkPicksExpertsFromTheBestGroups() {
    // Four experts in two groups; group 1 holds the best expert.
    let gating = RefTensor(shape: [1, 4], values: [1, 0, 3, -1])
    let softmax = Reference.groupedTopk(
      gating: gating, topk: 2, renormalize: false, numExpertGroup: 2, topkGroup: 1,
      scoring: .softmax, routedScalingFactor: 1, bias: nil, dtype: .float32)
    #expect(softmax.ids == [2, 3])
    // Sigmoid with a bias favouring expert 1: group 0 sums to more, weights stay unbiased.
    let sigmoid = Reference.groupedTopk(
      gating: gating, topk: 2, renormalize: true, numExpertGroup: 2, topkGroup: 1,
      scoring: .sigmoid, routedScalingFactor: 2.5, bias: [0, 5, 0, 0], dtype: .float32)
    #expect(sigmoid.ids == [1, 0])
    let (s1, s0): (Float, Float) = (0.5, 1 / (1 + expf(-1)))
    #expect(abs(sigmoid.weights.values[0] - 2.5 * s1 / (s0 + s1)) < 1e-5)
  }

  @Test func scaledInt8QuantRoundsHalfToEven() {
    let input = RefTensor(shape: [2, 2], values: [2.5, -127, 0, 0])
    let dynamic = Reference.scaledInt8Quant(input: input, scale: nil)
    #expect(dynamic.values.values == [2, -127, 0, 0])
    #expect(dynamic.scales.values == [1, 0])
    let fixed = Reference.scaledInt8Quant(input: RefTensor(shape: [3], values: [3, 1000, -0.5]), scale: 2)
    #expect(fixed.values.values == [2, 127, -0])
  }

  @Test func bfloat16RoundsToNearestEven() {
    #expect(FloatType.bfloat16.round(1 + 1.0 / 256) == 1)  // tie, even stays
    #expect(FloatType.bfloat16.round(1 + 3.0 / 256) == 1 + 4.0 / 256)  // tie, rounds up to even
    #expect(FloatType.float16.round(65520) == .infinity)
  }

  @Test func float16RoundingIsBitExact() {
    #expect(FloatType.float16.round(65504) == 65504)
    #expect(FloatType.float16.round(-65520) == -.infinity)
    #expect(FloatType.float16.round(1 + 1.0 / 2048) == 1)  // tie to even
    #expect(FloatType.float16.round(1 + 3.0 / 2048) == 1 + 4.0 / 2048)
    #expect(FloatType.float16.round(0x1p-25) == 0)  // half the smallest subnormal: tie to 0
    #expect(FloatType.float16.round(0x1.8p-25) == 0x1p-24)
    #expect(FloatType.float16.round(.nan).isNaN)
    #if !(os(macOS) && arch(x86_64))
      // Every exponent, many significands, both signs.
      var mismatches: [Float] = []
      for bits in stride(from: UInt32(0), to: UInt32.max, by: 65_521) {
        let value = Float(bitPattern: bits)
        if value.isFinite && FloatType.float16.round(value) != Float(Float16(value)) { mismatches.append(value) }
      }
      #expect(mismatches.isEmpty)
    #endif
  }

  @Test func revisionsOrderNumerically() throws {
    let old = try #require(UpstreamRevision("v0.9.1"))
    let new = try #require(UpstreamRevision("v0.11.0"))
    #expect(old < new)
    #expect(UpstreamRevision("v0.6.6.post1") != nil)
    #expect(UpstreamRevision("main") == nil)
    #expect(!OpContracts(revision: new).topkSoftmaxTakesRenormalize)
    #expect(OpContracts(revision: new).groupedTopkTakesRoutedScalingFactor)
    #expect(!OpContracts(revision: old).groupedTopkTakesRoutedScalingFactor)
    #expect(OpContracts(revision: old).topkSoftmaxIndicesArgument == "token_expert_indicies")
    #expect(OpContracts(revision: new).topkSoftmaxIndicesArgument == "token_expert_indices")
  }
}
