import CMSKernels

// Element loads and stores by dtype, and bulk conversion between storage and Float buffers.

extension Tensor {
  /// Reads storage element `index` (a storage position, not a logical index) as `Float`.
  @inline(__always)
  func loadFloat(_ index: Int) -> Float {
    let base = storage.bytes
    switch dtype {
    case .float32: return base.load(fromByteOffset: index * 4, as: Float.self)
    case .float16: return HalfPrecision.float(fromFloat16Bits: base.load(fromByteOffset: index * 2, as: UInt16.self))
    case .bfloat16: return HalfPrecision.float(fromBFloat16Bits: base.load(fromByteOffset: index * 2, as: UInt16.self))
    case .int32: return Float(base.load(fromByteOffset: index * 4, as: Int32.self))
    case .int64: return Float(base.load(fromByteOffset: index * 8, as: Int64.self))
    case .int8: return Float(base.load(fromByteOffset: index, as: Int8.self))
    case .bool: return base.load(fromByteOffset: index, as: UInt8.self) != 0 ? 1 : 0
    }
  }

  /// Reads storage element `index` as `Int` (floats truncate toward zero).
  @inline(__always)
  func loadInt(_ index: Int) -> Int {
    let base = storage.bytes
    switch dtype {
    case .int32: return Int(base.load(fromByteOffset: index * 4, as: Int32.self))
    case .int64: return Int(base.load(fromByteOffset: index * 8, as: Int64.self))
    case .int8: return Int(base.load(fromByteOffset: index, as: Int8.self))
    case .bool: return base.load(fromByteOffset: index, as: UInt8.self) != 0 ? 1 : 0
    case .float32, .float16, .bfloat16: return Tensor.truncatedInt(loadFloat(index))
    }
  }

  /// Writes `value` into storage element `index`, rounding or truncating to the dtype.
  @inline(__always)
  func storeFloat(_ value: Float, at index: Int) {
    let base = storage.bytes
    switch dtype {
    case .float32: base.storeBytes(of: value, toByteOffset: index * 4, as: Float.self)
    case .float16: base.storeBytes(of: HalfPrecision.float16Bits(from: value), toByteOffset: index * 2, as: UInt16.self)
    case .bfloat16: base.storeBytes(of: HalfPrecision.bfloat16Bits(from: value), toByteOffset: index * 2, as: UInt16.self)
    case .int32, .int64, .int8: storeInt(Tensor.truncatedInt(value), at: index)
    case .bool: base.storeBytes(of: value != 0 ? 1 : 0, toByteOffset: index, as: UInt8.self)
    }
  }

  /// Writes `value` into storage element `index`, saturating to the integer dtype.
  @inline(__always)
  func storeInt(_ value: Int, at index: Int) {
    let base = storage.bytes
    switch dtype {
    case .int32:
      base.storeBytes(of: Int32(clamping: value), toByteOffset: index * 4, as: Int32.self)
    case .int64: base.storeBytes(of: Int64(value), toByteOffset: index * 8, as: Int64.self)
    case .int8: base.storeBytes(of: Int8(clamping: value), toByteOffset: index, as: Int8.self)
    case .bool: base.storeBytes(of: value != 0 ? 1 : 0, toByteOffset: index, as: UInt8.self)
    case .float32, .float16, .bfloat16: storeFloat(Float(value), at: index)
    }
  }

  /// Float-to-int conversion as a cast does it: toward zero, NaN to 0, saturating.
  static func truncatedInt(_ value: Float) -> Int {
    if value.isNaN { return 0 }
    if value >= 9.2e18 { return Int.max }
    if value <= -9.2e18 { return Int.min }
    return Int(value.rounded(.towardZero))
  }

  /// Calls `body` with the storage position of the first element of every innermost row, in
  /// row-major order, plus the row's ordinal. Rows have `shape.last` elements `strides.last` apart.
  func forEachRow(_ body: (_ row: Int, _ start: Int) -> Void) {
    if shape.isEmpty {
      body(0, offset)
      return
    }
    let outerRank = shape.count - 1
    let rows = shape.dropLast().reduce(1, *)
    if rows == 0 || shape[outerRank] == 0 { return }
    var index = [Int](repeating: 0, count: outerRank)
    var position = offset
    for row in 0..<rows {
      body(row, position)
      var dim = outerRank - 1
      while dim >= 0 {
        index[dim] += 1
        position += strides[dim]
        if index[dim] < shape[dim] { break }
        position -= strides[dim] * shape[dim]
        index[dim] = 0
        dim -= 1
      }
    }
  }

  /// Copies all elements, in logical order, into `destination` as `Float`.
  func copyFloats(into destination: UnsafeMutablePointer<Float>) {
    let inner = shape.last ?? 1
    let innerStride = strides.last ?? 1
    let base = storage.bytes
    forEachRow { row, start in
      let out = destination + row * inner
      switch dtype {
      case .float32:
        let source = base.assumingMemoryBound(to: Float.self) + start
        if innerStride == 1 {
          out.update(from: source, count: inner)
        } else {
          for i in 0..<inner { out[i] = source[i * innerStride] }
        }
      case .float16:
        let source = base.assumingMemoryBound(to: UInt16.self) + start
        if innerStride == 1 {
          ms_f16_to_f32(source, out, inner)
        } else {
          for i in 0..<inner { out[i] = HalfPrecision.float(fromFloat16Bits: source[i * innerStride]) }
        }
      case .bfloat16:
        let source = base.assumingMemoryBound(to: UInt16.self) + start
        if innerStride == 1 {
          ms_bf16_to_f32(source, out, inner)
        } else {
          for i in 0..<inner { out[i] = HalfPrecision.float(fromBFloat16Bits: source[i * innerStride]) }
        }
      default:
        for i in 0..<inner { out[i] = loadFloat(start + i * innerStride) }
      }
    }
  }

  /// Calls `body` with the elements as a dense row-major `Float` buffer: the storage itself for
  /// a contiguous `float32` tensor, otherwise a converted copy.
  func withFloats<R, E: Error>(_ body: (UnsafeBufferPointer<Float>) throws(E) -> R) throws(E) -> R {
    if dtype == .float32 && isContiguous {
      let start = storage.bytes.assumingMemoryBound(to: Float.self) + offset
      return try body(UnsafeBufferPointer(start: start, count: count))
    }
    let raw = BufferPool.shared.take(byteCount: count * 4)
    defer { BufferPool.shared.give(raw, byteCount: count * 4) }
    let start = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    copyFloats(into: start)
    return try body(UnsafeBufferPointer(start: start, count: count))
  }

  /// Creates a contiguous tensor whose elements `fill` writes as `Float` in row-major order;
  /// they are stored rounded to `dtype`. `shape` must already be validated.
  static func make(
    _ shape: [Int], dtype: DType, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void
  ) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: dtype)
    let count = result.count
    if dtype == .float32 {
      fill(UnsafeMutableBufferPointer(start: result.storage.bytes.assumingMemoryBound(to: Float.self), count: count))
      return result
    }
    let raw = BufferPool.shared.take(byteCount: count * 4)
    defer { BufferPool.shared.give(raw, byteCount: count * 4) }
    let view = UnsafeMutableBufferPointer(start: raw.bindMemory(to: Float.self, capacity: max(count, 1)), count: count)
    fill(view)
    result.storeAll(UnsafeBufferPointer(view))
    return result
  }

  /// Stores `values` (row-major) into this contiguous, offset-0 tensor, rounding to its dtype.
  func storeAll(_ values: UnsafeBufferPointer<Float>) {
    let base = storage.bytes
    switch dtype {
    case .float32:
      if let source = values.baseAddress {
        base.assumingMemoryBound(to: Float.self).update(from: source, count: values.count)
      }
    case .float16:
      if let source = values.baseAddress { ms_f32_to_f16(source, base.assumingMemoryBound(to: UInt16.self), values.count) }
    case .bfloat16:
      if let source = values.baseAddress { ms_f32_to_bf16(source, base.assumingMemoryBound(to: UInt16.self), values.count) }
    default:
      for i in 0..<values.count { storeFloat(values[i], at: i) }
    }
  }

  /// Creates a contiguous integer tensor from `values`. `shape` must already be validated.
  static func makeInts(_ shape: [Int], dtype: DType, _ values: [Int]) -> Tensor {
    let result = Tensor(uninitialized: shape, dtype: dtype)
    let base = result.storage.bytes
    switch dtype {
    case .int64:
      let out = base.assumingMemoryBound(to: Int64.self)
      for (i, value) in values.enumerated() { out[i] = Int64(value) }
    case .int32:
      let out = base.assumingMemoryBound(to: Int32.self)
      for (i, value) in values.enumerated() { out[i] = Int32(clamping: value) }
    default:
      for (i, value) in values.enumerated() { result.storeInt(value, at: i) }
    }
    return result
  }

  /// Stores `count` floats at storage position `start` of this dense tensor, rounding to its dtype.
  func storeRow(_ values: UnsafePointer<Float>, count: Int, at start: Int) {
    let base = storage.bytes
    switch dtype {
    case .float32: (base.assumingMemoryBound(to: Float.self) + start).update(from: values, count: count)
    case .float16: ms_f32_to_f16(values, base.assumingMemoryBound(to: UInt16.self) + start, count)
    case .bfloat16: ms_f32_to_bf16(values, base.assumingMemoryBound(to: UInt16.self) + start, count)
    default:
      for i in 0..<count { storeFloat(values[i], at: start + i) }
    }
  }
}
