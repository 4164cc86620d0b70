/// The ragged batch every model runs: three sequences of different prompt lengths (one
/// crossing a block boundary), then decode steps, through a paged KV cache.
struct Batch: Sendable {
  let promptLengths: [Int]
  let decodeSteps: Int
  let blockSize: Int
  /// Each sequence's blocks; sequences own distinct, non-contiguous blocks.
  let blockTables: [[Int]]
  let blockCount: Int

  init(promptLengths: [Int] = [5, 17, 11], decodeSteps: Int = 4, blockSize: Int = 16) {
    self.promptLengths = promptLengths
    self.decodeSteps = decodeSteps
    self.blockSize = blockSize
    let perSequence = promptLengths.map { ($0 + decodeSteps + blockSize - 1) / blockSize }
    let maxBlocks = perSequence.max() ?? 1
    var tables: [[Int]] = []
    var next = 0
    for count in perSequence {
      // Blocks are handed out in reverse so a sequence's blocks are not in slot order.
      let own = (next..<next + count).reversed().map { $0 }
      tables.append(own + Array(repeating: own[0], count: maxBlocks - count))
      next += count
    }
    blockTables = tables
    blockCount = next
  }

  /// The cache slot of each new token.
  func slots(start: [Int], lengths: [Int]) -> [Int] {
    var slots: [Int] = []
    for (s, length) in lengths.enumerated() {
      for position in start[s]..<start[s] + length {
        slots.append(blockTables[s][position / blockSize] * blockSize + position % blockSize)
      }
    }
    return slots
  }
}
