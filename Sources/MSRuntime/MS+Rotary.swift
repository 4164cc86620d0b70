extension MS {
  /// Rotary position embedding (`mindspore.ops.rotary_position_embedding`).
  ///
  /// `mode == 0` (rotate-half): with `h = D/2`, `y[i] = x[i]·cos[i] − x[i+h]·sin[i]` and
  /// `y[i+h] = x[i+h]·cos[i+h] + x[i]·sin[i+h]`. `mode == 1` (interleaved): pairs `(2i, 2i+1)`
  /// rotate as `y[2i] = x[2i]·cos[2i] − x[2i+1]·sin[2i]`, `y[2i+1] = x[2i+1]·cos[2i+1] + x[2i]·sin[2i+1]`.
  /// `cos` and `sin` carry the full head size `D` and broadcast to `x`. Partial rotary is done
  /// by slicing the rotated part before the call.
  /// See https://www.mindspore.cn/docs/en/master/api_python/ops/mindspore.ops.rotary_position_embedding.html
  /// - Parameters:
  ///   - x: The input, `[..., D]` with `D` even.
  ///   - cos: Cosines broadcastable to `x`.
  ///   - sin: Sines broadcastable to `x`.
  ///   - mode: 0 for rotate-half, 1 for interleaved.
  /// - Returns: The rotated tensor in `x`'s dtype.
  /// - Throws: ``MSError`` on a bad mode, odd head size or shapes that do not broadcast.
  public static func rotaryPositionEmbedding(_ x: Tensor, cos: Tensor, sin: Tensor, mode: Int = 0) throws(MSError) -> Tensor {
    let op = "rotary_position_embedding"
    guard mode == 0 || mode == 1 else { throw .argument(op, "mode must be 0 (rotate-half) or 1 (interleaved), got \(mode)") }
    guard let d = x.shape.last, d % 2 == 0 else { throw .shape(op, "head size of x \(x.shape) must be even") }
    guard cos.shape.last == d, sin.shape.last == d else {
      throw .shape(op, "cos \(cos.shape) and sin \(sin.shape) must end in the head size \(d)")
    }
    let c = try cos.asFloat32().contiguous().expand(to: x.shape)
    let s = try sin.asFloat32().contiguous().expand(to: x.shape)
    let cosStarts = c.rowStarts(), sinStarts = s.rowStarts()
    let cp = c.floatPointer, sp = s.floatPointer
    let h = d / 2
    return x.withFloats { source in
      Tensor.make(x.shape, dtype: x.dtype.isFloatingPoint ? x.dtype : .float32) { out in
        guard let input = source.baseAddress, let output = out.baseAddress else { return }
        Parallel.chunks(cosStarts.count, cost: 16 * d) { rows in
          for row in rows {
            let xr = input + row * d, yr = output + row * d
            let cr = cp + cosStarts[row], sr = sp + sinStarts[row]
            if mode == 0 {
              var i = 0
              while i + 8 <= h {
                let x1 = loadVec(xr + i), x2 = loadVec(xr + h + i)
                storeVec(x1 * loadVec(cr + i) - x2 * loadVec(sr + i), yr + i)
                storeVec(x2 * loadVec(cr + h + i) + x1 * loadVec(sr + h + i), yr + h + i)
                i += 8
              }
              while i < h {
                let x1 = xr[i], x2 = xr[h + i]
                yr[i] = x1 * cr[i] - x2 * sr[i]
                yr[h + i] = x2 * cr[h + i] + x1 * sr[h + i]
                i += 1
              }
            } else {
              for i in 0..<h {
                let x1 = xr[2 * i], x2 = xr[2 * i + 1]
                yr[2 * i] = x1 * cr[2 * i] - x2 * sr[2 * i]
                yr[2 * i + 1] = x2 * cr[2 * i + 1] + x1 * sr[2 * i + 1]
              }
            }
          }
        }
      }
    }
  }
}
