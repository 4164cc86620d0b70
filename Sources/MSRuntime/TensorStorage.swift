/// The heap buffer behind one or more ``Tensor`` values. Views share it; writes go through
/// `Tensor`'s copy-on-write checks, so a shared buffer is never mutated.
final class TensorStorage: @unchecked Sendable {
  let bytes: UnsafeMutableRawPointer
  let byteCount: Int

  init(byteCount: Int, zeroed: Bool = false) {
    self.byteCount = byteCount
    bytes = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: 64)
    if zeroed { bytes.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1)) }
  }

  deinit { bytes.deallocate() }
}
