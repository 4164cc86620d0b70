import Foundation
import MSRuntime
import OpReference

extension UpstreamOps {
  private struct CacheCase {
    let tokens, kvHeads, headSize, blockSize, blocks, padding: Int
    var label: String {
      "tokens=\(tokens) kv_heads=\(kvHeads) head_size=\(headSize) block_size=\(blockSize) blocks=\(blocks) padding=\(padding)"
    }
  }

  private static let cacheCases = [
    CacheCase(tokens: 10, kvHeads: 2, headSize: 64, blockSize: 16, blocks: 3, padding: 2),
    CacheCase(tokens: 37, kvHeads: 4, headSize: 128, blockSize: 32, blocks: 2, padding: 5),
    CacheCase(tokens: 5, kvHeads: 1, headSize: 80, blockSize: 64, blocks: 2, padding: 1),
    CacheCase(tokens: 130, kvHeads: 2, headSize: 96, blockSize: 128, blocks: 2, padding: 0),
  ]

  /// Distinct random slots for `tokens` tokens, `padding` of them −1.
  private static func slots(_ c: CacheCase, _ random: inout InputRandom) -> [Int] {
    var slots = Array(random.permutation(c.blocks * c.blockSize).prefix(c.tokens))
    for _ in 0..<c.padding { slots[random.int(in: 0..<c.tokens)] = -1 }
    return slots
  }

  private static func scales() throws -> [String: Value] {
    ["kv_cache_dtype": .string("auto"), "k_scale": try RefTensor(shape: [], values: [1]).value(.float32),
     "v_scale": try RefTensor(shape: [], values: [1]).value(.float32)]
  }

  static let reshapeAndCache = UpstreamOp(
    name: "vllm._custom_ops.reshape_and_cache",
    arguments: ["key", "value", "key_cache", "value_cache", "slot_mapping", "kv_cache_dtype", "k_scale", "v_scale"],
    cases: { _ in cacheCases.map(\.label) },
    prepare: { index, dtype, _, random in
      let c = cacheCases[index]
      let x = Reference.keyCachePack(dtype)
      let key = random.normal([c.tokens, c.kvHeads, c.headSize], dtype: dtype)
      let value = random.normal([c.tokens, c.kvHeads, c.headSize], dtype: dtype)
      var keyCache = random.normal([c.blocks, c.kvHeads, c.headSize / x, c.blockSize, x], dtype: dtype)
      var valueCache = random.normal([c.blocks, c.kvHeads, c.headSize, c.blockSize], dtype: dtype)
      let slotMapping = slots(c, &random)
      var arguments: [String: Value] = [
        "key": try key.value(dtype.runtime), "value": try value.value(dtype.runtime),
        "key_cache": try keyCache.value(dtype.runtime), "value_cache": try valueCache.value(dtype.runtime),
        "slot_mapping": try intValue(slotMapping, shape: [c.tokens]),
      ]
      arguments.merge(try scales()) { first, _ in first }
      Reference.reshapeAndCache(
        key: key, value: value, keyCache: &keyCache, valueCache: &valueCache, slotMapping: slotMapping,
        blockSize: c.blockSize, dtype: dtype)
      return PreparedCall(
        arguments: arguments, expected: [ExpectedOutput("key_cache", keyCache), ExpectedOutput("value_cache", valueCache)])
    })

  static let reshapeAndCacheFlash = UpstreamOp(
    name: "vllm._custom_ops.reshape_and_cache_flash",
    arguments: ["key", "value", "key_cache", "value_cache", "slot_mapping", "kv_cache_dtype", "k_scale", "v_scale"],
    cases: { _ in cacheCases.map(\.label) },
    prepare: { index, dtype, _, random in
      let c = cacheCases[index]
      let key = random.normal([c.tokens, c.kvHeads, c.headSize], dtype: dtype)
      let value = random.normal([c.tokens, c.kvHeads, c.headSize], dtype: dtype)
      var keyCache = random.normal([c.blocks, c.blockSize, c.kvHeads, c.headSize], dtype: dtype)
      var valueCache = random.normal([c.blocks, c.blockSize, c.kvHeads, c.headSize], dtype: dtype)
      let slotMapping = slots(c, &random)
      var arguments: [String: Value] = [
        "key": try key.value(dtype.runtime), "value": try value.value(dtype.runtime),
        "key_cache": try keyCache.value(dtype.runtime), "value_cache": try valueCache.value(dtype.runtime),
        "slot_mapping": try intValue(slotMapping, shape: [c.tokens]),
      ]
      arguments.merge(try scales()) { first, _ in first }
      Reference.reshapeAndCacheFlash(
        key: key, value: value, keyCache: &keyCache, valueCache: &valueCache, slotMapping: slotMapping)
      return PreparedCall(
        arguments: arguments, expected: [ExpectedOutput("key_cache", keyCache), ExpectedOutput("value_cache", valueCache)])
    })

  private struct AttentionCase {
    let heads, kvHeads, headSize, blockSize: Int
    let seqLens: [Int]
    var label: String {
      "seqs=\(seqLens.count) heads=\(heads)/\(kvHeads) head_size=\(headSize) block_size=\(blockSize) lens=\(seqLens)"
    }
  }

  private static let attentionCases = [
    AttentionCase(heads: 8, kvHeads: 2, headSize: 64, blockSize: 16, seqLens: [1, 17, 40]),
    AttentionCase(heads: 4, kvHeads: 4, headSize: 128, blockSize: 32, seqLens: [33, 64]),
    AttentionCase(heads: 16, kvHeads: 1, headSize: 64, blockSize: 64, seqLens: [100]),
    AttentionCase(heads: 8, kvHeads: 8, headSize: 96, blockSize: 128, seqLens: [130, 7]),
  ]

  static let pagedAttentionV1 = UpstreamOp(
    name: "vllm._custom_ops.paged_attention_v1",
    arguments: [
      "out", "query", "key_cache", "value_cache", "num_kv_heads", "scale", "block_tables", "seq_lens", "block_size",
      "max_seq_len", "alibi_slopes", "kv_cache_dtype", "k_scale", "v_scale",
    ],
    cases: { _ in attentionCases.map(\.label) },
    prepare: { index, dtype, _, random in
      let c = attentionCases[index]
      let x = Reference.keyCachePack(dtype)
      let blocksPerSeq = c.seqLens.map { ($0 + c.blockSize - 1) / c.blockSize }
      let maxBlocks = blocksPerSeq.max() ?? 1
      let blocks = blocksPerSeq.reduce(0, +) + 1
      let pool = random.permutation(blocks)
      var tables: [[Int]] = []
      var next = 0
      for count in blocksPerSeq {
        // Unused table entries point at a real block, as vLLM's padded tables may.
        tables.append(Array(pool[next..<next + count]) + Array(repeating: pool[blocks - 1], count: maxBlocks - count))
        next += count
      }
      let query = random.normal([c.seqLens.count, c.heads, c.headSize], dtype: dtype)
      let keyCache = random.normal([blocks, c.kvHeads, c.headSize / x, c.blockSize, x], dtype: dtype)
      let valueCache = random.normal([blocks, c.kvHeads, c.headSize, c.blockSize], dtype: dtype)
      let scale = 1 / Float(c.headSize).squareRoot()
      let out = Reference.pagedAttentionV1(
        query: query, keyCache: keyCache, valueCache: valueCache, numKVHeads: c.kvHeads, scale: scale,
        blockTables: tables, seqLens: c.seqLens, blockSize: c.blockSize, dtype: dtype)
      var arguments: [String: Value] = [
        "out": try RefTensor.zeros(query.shape).value(dtype.runtime), "query": try query.value(dtype.runtime),
        "key_cache": try keyCache.value(dtype.runtime), "value_cache": try valueCache.value(dtype.runtime),
        "num_kv_heads": .int(c.kvHeads), "scale": .float(Double(scale)),
        "block_tables": try intValue(tables.flatMap { $0 }, shape: [c.seqLens.count, maxBlocks], dtype: .int32),
        "seq_lens": try intValue(c.seqLens, shape: [c.seqLens.count], dtype: .int32), "block_size": .int(c.blockSize),
        "max_seq_len": .int(c.seqLens.max() ?? 0), "alibi_slopes": .none,
      ]
      arguments.merge(try scales()) { first, _ in first }
      return PreparedCall(arguments: arguments, expected: [ExpectedOutput("out", out)])
    })
}
