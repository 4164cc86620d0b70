import Foundation

/// The heap buffer behind one or more ``Tensor`` values. Views share it; writes go through
/// `Tensor`'s copy-on-write checks, so a shared buffer is never mutated.
final class TensorStorage: @unchecked Sendable {
  let bytes: UnsafeMutableRawPointer
  let byteCount: Int

  init(byteCount: Int, zeroed: Bool = false) {
    self.byteCount = byteCount
    bytes = BufferPool.shared.take(byteCount: byteCount)
    if zeroed { bytes.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1)) }
  }

  deinit { BufferPool.shared.give(bytes, byteCount: byteCount) }
}

/// Keeps recently freed large buffers for reuse. Large allocations otherwise come straight from
/// `mmap` and every call would pay a page fault per 4 KiB on first touch, which costs more than
/// the memory-bound ops themselves.
final class BufferPool: @unchecked Sendable {
  static let shared = BufferPool()

  /// Buffers below this size go straight to the allocator.
  private let minimumPooled = 1 << 16
  /// The most memory kept idle in the pool.
  private let capacity = 1 << 30
  private let lock = NSLock()
  private var idle: [Int: [UnsafeMutableRawPointer]] = [:]
  private var idleBytes = 0

  /// Pooled sizes round up to 64 KiB so similar shapes share buffers.
  private func bucket(_ byteCount: Int) -> Int { (max(byteCount, 1) + 0xFFFF) & ~0xFFFF }

  func take(byteCount: Int) -> UnsafeMutableRawPointer {
    guard byteCount >= minimumPooled else {
      return UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
    }
    let size = bucket(byteCount)
    lock.lock()
    if let buffer = idle[size]?.popLast() {
      idleBytes -= size
      lock.unlock()
      return buffer
    }
    lock.unlock()
    return UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
  }

  func give(_ buffer: UnsafeMutableRawPointer, byteCount: Int) {
    guard byteCount >= minimumPooled else {
      buffer.deallocate()
      return
    }
    let size = bucket(byteCount)
    lock.lock()
    if idleBytes + size <= capacity {
      idle[size, default: []].append(buffer)
      idleBytes += size
      lock.unlock()
      return
    }
    lock.unlock()
    buffer.deallocate()
  }
}
