import Foundation
import Testing

@testable import MSRuntime

@Suite struct ElementwiseTests {
  @Test func broadcastingBinaryOps() throws {
    let a = try Tensor(shape: [2, 3], values: [1, 2, 3, 4, 5, 6])
    let b = try Tensor(shape: [3], values: [10, 20, 30])
    #expect(try MS.add(a, b).toFloatArray() == [11, 22, 33, 14, 25, 36])
    let column = try Tensor(shape: [2, 1], values: [2, 4])
    #expect(try MS.div(a, column).toFloatArray() == [0.5, 1, 1.5, 1, 1.25, 1.5])
    #expect(try MS.sub(b, a).shape == [2, 3])
    #expect(try MS.mul(try a.transpose(0, 1), column.transpose(0, 1)).toFloatArray() == [2, 16, 4, 20, 6, 24])
    #expect(try MS.maximum(a, Tensor(scalar: 3.5)).toFloatArray() == [3.5, 3.5, 3.5, 4, 5, 6])
    #expect(try MS.minimum(a, Tensor(scalar: .nan)).toFloatArray().allSatisfy(\.isNaN))
    #expect(try MS.pow(column, Tensor(scalar: 2)).toFloatArray() == [4, 16])
    #expect(throws: MSError.self) { try MS.add(a, Tensor(shape: [2], values: [1, 2])) }
  }

  @Test func dtypePromotionAndRounding() throws {
    let h = try Tensor(shape: [2], dtype: .float16, values: [1, 2048])
    let sum = try MS.add(h, h.cast(to: .float16))
    #expect(sum.dtype == .float16)
    let plusOne = try MS.add(h, Tensor(shape: [1], dtype: .float16, values: [1]))
    #expect(plusOne.toFloatArray() == [2, 2048])  // 2049 is not representable in float16
    #expect(try MS.add(h, Tensor(shape: [1], dtype: .bfloat16, values: [1])).dtype == .float32)
    #expect(MS.promote(.int32, .int64) == .int64)
    #expect(MS.promote(.int8, .bfloat16) == .bfloat16)
    let ints = try Tensor(shape: [2], dtype: .int32, ints: [3, -4])
    #expect(try MS.div(ints, Tensor(shape: [1], dtype: .int32, ints: [2])).toFloatArray() == [1.5, -2])
    #expect(MS.neg(ints).dtype == .int32 && MS.abs(ints).toIntArray() == [3, 4])
  }

  @Test func unaryOpsMatchLibm() throws {
    let x = try random([4, 37], seed: 3)
    let values = x.toFloatArray()
    #expect(close(MS.exp(x).toFloatArray(), values.map { Foundation.exp($0) }, tolerance: 1e-6))
    #expect(close(MS.sqrt(MS.abs(x)).toFloatArray(), values.map { Swift.abs($0).squareRoot() }))
    #expect(close(MS.rsqrt(MS.square(x)).toFloatArray(), values.map { 1 / Swift.abs($0) }))
    #expect(close(MS.sigmoid(x).toFloatArray(), values.map { 1 / (1 + Foundation.exp(-$0)) }, tolerance: 1e-6))
    #expect(close(MS.silu(x).toFloatArray(), values.map { $0 / (1 + Foundation.exp(-$0)) }, tolerance: 1e-6))
    let erfGelu = try MS.gelu(x).toFloatArray()
    #expect(close(erfGelu, values.map { 0.5 * $0 * (1 + erf($0 / 2.0.squareRoot().float)) }, tolerance: 1e-6))
    let tanhGelu = try MS.gelu(x, approximate: "tanh").toFloatArray()
    let c = (2 / Float.pi).squareRoot()
    #expect(close(tanhGelu, values.map { 0.5 * $0 * (1 + tanh(c * ($0 + 0.044715 * $0 * $0 * $0))) }, tolerance: 1e-6))
    #expect(throws: MSError.self) { try MS.gelu(x, approximate: "fast") }
  }

  @Test func expHandlesExtremes() throws {
    let x = try Tensor(shape: [6], values: [-.infinity, -100, 0, 88, 100, .nan])
    let y = MS.exp(x).toFloatArray()
    #expect(y[0] == 0 && y[1] < 0x1p-130 && y[2] == 1 && y[4] == .infinity && y[5].isNaN)
    #expect(Swift.abs(y[3] - Foundation.exp(88)) / Foundation.exp(88) < 1e-6)
  }

  @Test func swigluSplitsLastDimension() throws {
    let x = try random([3, 2, 10], seed: 5)
    let v = x.toFloatArray()
    let y = try MS.swiglu(x)
    #expect(y.shape == [3, 2, 5])
    var expected = [Float]()
    for row in 0..<6 {
      for i in 0..<5 {
        let a = v[row * 10 + i], b = v[row * 10 + 5 + i]
        expected.append(a / (1 + Foundation.exp(-a)) * b)
      }
    }
    #expect(close(y.toFloatArray(), expected, tolerance: 1e-6))
    let alongFirst = try MS.swiglu(try x.transpose(0, 2).contiguous(), dim: 0)
    #expect(close(try alongFirst.transpose(0, 2).contiguous().toFloatArray(), expected, tolerance: 1e-6))
    #expect(throws: MSError.self) { try MS.swiglu(try random([3, 5], seed: 1)) }
  }

  @Test func softmaxAndLogSoftmax() throws {
    let x = try Tensor(shape: [2, 3], values: [1, 2, 3, 1, 1, -.infinity])
    let y = try MS.softmax(x).toFloatArray()
    let e = [Foundation.exp(Float(-2)), Foundation.exp(Float(-1)), 1]
    let s = e.reduce(0, +)
    #expect(close(y, [e[0] / s, e[1] / s, e[2] / s, 0.5, 0.5, 0], tolerance: 1e-6))
    let columns = try MS.softmax(x, axis: 0).toFloatArray()
    #expect(close(Array(columns[0..<2]), [0.5, 1 / (1 + Foundation.exp(Float(-1)))], tolerance: 1e-6))
    #expect(columns[5] == 0)
    let log = try MS.logSoftmax(x).toFloatArray()
    #expect(close(Array(log[0..<3]), y[0..<3].map { Foundation.log($0) }, tolerance: 1e-5))
    let withNaN = try MS.softmax(try Tensor(shape: [20], values: [1, .nan] + [Float](repeating: 0, count: 18)))
    #expect(withNaN.toFloatArray().allSatisfy { $0.isNaN })
    let masked = try MS.softmax(try Tensor(shape: [2, 17], values: [Float](repeating: -.infinity, count: 17) + [Float](repeating: 0, count: 17)))
    #expect(masked.toFloatArray()[0].isNaN && masked.toFloatArray()[17] == 1 / 17)
    let wide = try random([3, 1000], seed: 8)
    let rows = try MS.softmax(wide).toFloatArray()
    for r in 0..<3 { #expect(Swift.abs(rows[r * 1000..<(r + 1) * 1000].reduce(0, +) - 1) < 1e-5) }
  }

  @Test func reductions() throws {
    let x = try Tensor(shape: [2, 3], values: [1, 5, 3, 4, 2, 6])
    #expect(try MS.sum(x, dim: 1).toFloatArray() == [9, 12])
    #expect(try MS.sum(x).toFloatArray() == [21])
    #expect(try MS.mean(x, dim: 0, keepdim: true).shape == [1, 3])
    #expect(try MS.mean(x, dim: 0).toFloatArray() == [2.5, 3.5, 4.5])
    let (values, indices) = try MS.max(x, dim: -1)
    #expect(values.toFloatArray() == [5, 6] && indices.toIntArray() == [1, 2] && indices.dtype == .int64)
    #expect(try MS.argmax(x).toIntArray() == [5])
    #expect(try MS.argmax(Tensor(shape: [3], values: [2, 7, 7])).toIntArray() == [1])
    #expect(try MS.cumsum(x, axis: 1).toFloatArray() == [1, 6, 9, 4, 6, 12])
    #expect(try MS.cumsum(x, axis: 0).toFloatArray() == [1, 5, 3, 5, 7, 9])
    let ints = try Tensor(shape: [3], dtype: .int32, ints: [1, 2, 3])
    #expect(try MS.cumsum(ints, axis: 0).toIntArray() == [1, 3, 6])
    #expect(throws: MSError.self) { try MS.sum(x, dim: 2) }
  }
}

extension Double {
  var float: Float { Float(self) }
}
