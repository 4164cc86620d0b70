// Vectorised inner loops over Float rows, used by the memory-bound ops.

typealias Vec = SIMD8<Float>

@inline(__always) func loadVec(_ p: UnsafePointer<Float>) -> Vec {
  UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
}

@inline(__always) func storeVec(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
}

/// e^x with Cody–Waite range reduction and the Cephes `expf` polynomial (about 1 ulp);
/// gives 0 below -87.3, infinity above 88.7 and NaN for NaN.
@inline(__always) func vexp(_ x: Vec) -> Vec {
  let lo = Vec(repeating: -87.3), hi = Vec(repeating: 88.7)
  let c = x.clamped(lowerBound: lo, upperBound: hi)
  let n = (c * 1.442_695_04).rounded(.toNearestOrEven)
  let r = c - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p = Vec(repeating: 1.987_569_15e-4)
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  p = p * r * r + r + 1
  let bits = (SIMD8<Int32>(n, rounding: .toNearestOrEven) &+ 127) &<< 23
  var result = p * unsafeBitCast(bits, to: Vec.self)
  result.replace(with: 0, where: x .< lo)
  result.replace(with: .infinity, where: x .> hi)
  result.replace(with: x, where: x .!= x)
  return result
}

/// Scalar e^x with the same polynomial as the vector path, so tails round identically.
@inline(__always) func sexp(_ x: Float) -> Float { vexp(Vec(repeating: x))[0] }

/// Sum of squares of `n` floats.
@inline(__always) func sumOfSquares(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
  var acc = Vec(), acc2 = Vec()
  var i = 0
  while i + 16 <= n {
    let a = loadVec(p + i), b = loadVec(p + i + 8)
    acc += a * a
    acc2 += b * b
    i += 16
  }
  var total = (acc + acc2).sum()
  while i < n {
    total += p[i] * p[i]
    i += 1
  }
  return total
}

/// Sum of `n` floats.
@inline(__always) func sumOf(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
  var acc = Vec()
  var i = 0
  while i + 8 <= n {
    acc += loadVec(p + i)
    i += 8
  }
  var total = acc.sum()
  while i < n {
    total += p[i]
    i += 1
  }
  return total
}

/// Dot product of `n` floats.
@inline(__always) func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
  var acc = Vec(), acc2 = Vec()
  var i = 0
  while i + 16 <= n {
    acc += loadVec(a + i) * loadVec(b + i)
    acc2 += loadVec(a + i + 8) * loadVec(b + i + 8)
    i += 16
  }
  var total = (acc + acc2).sum()
  while i < n {
    total += a[i] * b[i]
    i += 1
  }
  return total
}

/// `y[i] += alpha * x[i]` for `n` floats.
@inline(__always) func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
  let a = Vec(repeating: alpha)
  var i = 0
  while i + 8 <= n {
    storeVec(loadVec(y + i) + a * loadVec(x + i), y + i)
    i += 8
  }
  while i < n {
    y[i] += alpha * x[i]
    i += 1
  }
}

/// Largest of `n > 0` floats (NaN if any is NaN).
@inline(__always) func maxOf(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
  var best = p[0]
  for i in 0..<n {
    if p[i] > best || p[i].isNaN { best = p[i] }
    if best.isNaN { return best }
  }
  return best
}
