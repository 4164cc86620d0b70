import Testing

@testable import MSRuntime

/// Whether two float arrays agree within `tolerance` (absolute plus relative).
func close(_ a: [Float], _ b: [Float], tolerance: Float = 1e-5) -> Bool {
  guard a.count == b.count else { return false }
  for (x, y) in zip(a, b) {
    if x.isNaN && y.isNaN { continue }
    if x == y { continue }
    if Swift.abs(x - y) > tolerance * (1 + Swift.abs(y)) { return false }
  }
  return true
}

/// A deterministic float32 tensor of normal samples.
func random(_ shape: [Int], seed: UInt64, dtype: DType = .float32) throws -> Tensor {
  try Tensor.randn(shape, dtype: dtype, seed: seed)
}
