import Foundation
import Testing

@testable import MSRuntime

@Suite struct NormalizationTests {
  func referenceRms(_ x: [Float], _ gamma: [Float], eps: Float) -> ([Float], [Float]) {
    let n = gamma.count
    var y = [Float](), rstd = [Float]()
    for row in 0..<(x.count / n) {
      var ms: Float = 0
      for i in 0..<n { ms += x[row * n + i] * x[row * n + i] }
      let r = 1 / (ms / Float(n) + eps).squareRoot()
      rstd.append(r)
      for i in 0..<n { y.append(x[row * n + i] * r * gamma[i]) }
    }
    return (y, rstd)
  }

  @Test func rmsNormReturnsOutputAndRstd() throws {
    let x = try random([3, 4, 19], seed: 11)
    let gamma = try random([19], seed: 12)
    let (y, rstd) = try MS.rmsNorm(x, gamma, epsilon: 1e-5)
    let (ey, er) = referenceRms(x.toFloatArray(), gamma.toFloatArray(), eps: 1e-5)
    #expect(y.shape == [3, 4, 19] && rstd.shape == [3, 4, 1] && rstd.dtype == .float32)
    #expect(close(y.toFloatArray(), ey) && close(rstd.toFloatArray(), er))
    let half = try MS.rmsNorm(x.cast(to: .float16), gamma.cast(to: .float16), epsilon: 1e-5).0
    #expect(half.dtype == .float16)
    let (hy, _) = referenceRms(x.cast(to: .float16).toFloatArray(), gamma.cast(to: .float16).toFloatArray(), eps: 1e-5)
    #expect(half.toFloatArray() == hy.map { HalfPrecision.round($0, to: .float16) })
    #expect(throws: MSError.self) { try MS.rmsNorm(x, try random([18], seed: 1)) }
  }

  @Test func addRmsNormReturnsSum() throws {
    let x1 = try random([5, 16], seed: 1), x2 = try random([5, 16], seed: 2)
    let gamma = try random([16], seed: 3)
    let (y, rstd, sum) = try MS.addRmsNorm(x1, x2, gamma)
    let s = zip(x1.toFloatArray(), x2.toFloatArray()).map { $0 + $1 }
    let (ey, er) = referenceRms(s, gamma.toFloatArray(), eps: 1e-6)
    #expect(sum.toFloatArray() == s && close(y.toFloatArray(), ey) && close(rstd.toFloatArray(), er))
    #expect(throws: MSError.self) { try MS.addRmsNorm(x1, try random([5, 8], seed: 2), gamma) }
  }

  @Test func layerNormMatchesDefinition() throws {
    let x = try Tensor(shape: [2, 4], values: [1, 2, 3, 4, -1, 0, 1, 6])
    let w = try Tensor(shape: [4], values: [1, 2, 1, 1]), b = try Tensor(shape: [4], values: [0, 0, 1, 0])
    let y = try MS.layerNorm(x, normalizedShape: [4], weight: w, bias: b, eps: 0).toFloatArray()
    var expected = [Float]()
    for row in 0..<2 {
      let v = Array(x.toFloatArray()[row * 4..<row * 4 + 4])
      let mean = v.reduce(0, +) / 4
      let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
      for i in 0..<4 { expected.append((v[i] - mean) / variance.squareRoot() * [1, 2, 1, 1][i] + [0, 0, 1, 0][i]) }
    }
    #expect(close(y, expected))
    #expect(throws: MSError.self) { try MS.layerNorm(x, normalizedShape: [3]) }
  }

  @Test(arguments: [0, 1])
  func rotaryMatchesHandComputation(mode: Int) throws {
    let (tokens, heads, d) = (3, 2, 8)
    let x = try random([tokens, heads, d], seed: 21)
    let cos = try random([tokens, 1, d], seed: 22), sin = try random([tokens, 1, d], seed: 23)
    let y = try MS.rotaryPositionEmbedding(x, cos: cos, sin: sin, mode: mode).toFloatArray()
    let xv = x.toFloatArray(), cv = cos.toFloatArray(), sv = sin.toFloatArray()
    var expected = [Float](repeating: 0, count: xv.count)
    for t in 0..<tokens {
      for h in 0..<heads {
        let base = (t * heads + h) * d, cb = t * d
        for i in 0..<d {
          let partner: Float
          if mode == 0 {
            partner = i < d / 2 ? -xv[base + i + d / 2] : xv[base + i - d / 2]
          } else {
            partner = i % 2 == 0 ? -xv[base + i + 1] : xv[base + i - 1]
          }
          expected[base + i] = xv[base + i] * cv[cb + i] + partner * sv[cb + i]
        }
      }
    }
    #expect(close(y, expected))
  }

  @Test func rotaryRejectsBadInput() throws {
    let x = try random([2, 6], seed: 1)
    #expect(throws: MSError.self) { try MS.rotaryPositionEmbedding(x, cos: x, sin: x, mode: 2) }
    #expect(throws: MSError.self) { try MS.rotaryPositionEmbedding(x, cos: try random([2, 4], seed: 1), sin: x) }
    #expect(throws: MSError.self) { try MS.rotaryPositionEmbedding(x, cos: try random([3, 6], seed: 1), sin: x) }
  }
}
