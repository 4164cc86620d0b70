import CMSKernels

// Vectorised inner loops over Float rows, used by the memory-bound ops.

typealias Vec = SIMD8<Float>

@inline(__always) func loadVec(_ p: UnsafePointer<Float>) -> Vec {
  UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
}

@inline(__always) func storeVec(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
  UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
}

/// e^x, branch-free so loops over it vectorise: Cody–Waite range reduction and the Cephes
/// `expf` polynomial (about 1 ulp). Results below about 1e-38 flush to 0 (so e^-inf is 0),
/// above 88.7 give infinity, and NaN stays NaN.
@inline(__always) func fastExp(_ x: Float) -> Float {
  let c = Swift.min(Swift.max(x, -87.9), 88.7)
  // Adding 1.5·2^23 rounds to an integer (ties to even) held in the low mantissa bits.
  let shifted = c * 1.442_695_04 + 12_582_912
  let n = shifted - 12_582_912
  let r = c - n * 0.693_359_375 + n * 2.121_944_4e-4
  var p: Float = 1.987_569_15e-4
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  p = p * r * r + r + 1
  let exponent = (shifted.bitPattern &- Float(12_582_912).bitPattern) &+ 127
  let result = p * Float(bitPattern: exponent << 23)
  return x > 88.7 ? .infinity : (x != x ? x : result)
}

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
@inline(__always) func sumOf(_ p: UnsafePointer<Float>, _ n: Int) -> Float { ms_sum(p, n) }

/// Largest of `n > 0` floats (NaN if any is NaN).
@inline(__always) func maxOf(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
  var a = p[0], b = p[0], c = p[0], d = p[0]
  var sawNaN = false
  var i = 0
  while i + 4 <= n {
    a = p[i] > a ? p[i] : a
    b = p[i + 1] > b ? p[i + 1] : b
    c = p[i + 2] > c ? p[i + 2] : c
    d = p[i + 3] > d ? p[i + 3] : d
    sawNaN = sawNaN || p[i].isNaN || p[i + 1].isNaN || p[i + 2].isNaN || p[i + 3].isNaN
    i += 4
  }
  while i < n {
    a = p[i] > a ? p[i] : a
    sawNaN = sawNaN || p[i].isNaN
    i += 1
  }
  return sawNaN || a.isNaN ? .nan : Swift.max(Swift.max(a, b), Swift.max(c, d))
}
