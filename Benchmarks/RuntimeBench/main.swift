// Measures MSRuntime against bare OpenBLAS and memcpy in the same run; see Benchmarks/runtime.
import COpenBLAS
import Foundation
import MSRuntime

let smoke = CommandLine.arguments.contains("--smoke")
/// `--only gemm|memory|attention` runs one section.
let only = CommandLine.arguments.firstIndex(of: "--only").flatMap {
  CommandLine.arguments.indices.contains($0 + 1) ? CommandLine.arguments[$0 + 1] : nil
}
func selected(_ section: String) -> Bool { only == nil || only == section }
let blockSize = 16
var figures: [(String, Double)] = []

/// Prints a line and flushes it, so progress shows through a pipe.
func emit(_ line: String) {
  print(line)
  fflush(nil)
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

/// Timings of `baseline` and `candidate`, run alternately `reps` times after a warm-up so load
/// from other processes hits both alike: the median of each, and the median of the per-pair
/// ratios `baseline / candidate` (robust to load that changes during the run).
func race(reps: Int, baseline: () throws -> Void, candidate: () throws -> Void) rethrows -> (Double, Double, ratio: Double) {
  try baseline()
  try candidate()
  var a = [Double](), b = [Double](), ratios = [Double]()
  for _ in 0..<reps {
    var start = now()
    try baseline()
    a.append(now() - start)
    start = now()
    try candidate()
    b.append(now() - start)
    ratios.append(a[a.count - 1] / b[b.count - 1])
  }
  return (median(a), median(b), median(ratios))
}

/// A touched buffer of `count` floats for baselines.
func buffer(_ count: Int, fill: Float = 1) -> UnsafeMutablePointer<Float> {
  let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
  p.initialize(repeating: fill, count: count)
  return p
}

func row(_ cells: [String]) {
  emit(cells.enumerated().map { $0.offset == 0 ? $0.element.padding(toLength: 34, withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, 14 - $0.element.count)) + $0.element }.joined())
}

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

// MARK: - GEMM

emit("OpenBLAS threads: \(MS.blasThreads), cores: \(ProcessInfo.processInfo.activeProcessorCount)\n")
if selected("gemm") {
row(["matmul (dense: x·wᵀ, float32)", "bare ms", "runtime ms", "GFLOP/s", "ratio"])
let gemmShapes: [(m: Int, k: Int, n: Int, reps: Int)] =
  smoke
  ? [(1, 256, 256, 5), (4, 256, 256, 5), (16, 256, 256, 5), (64, 256, 512, 3)]
  : [
    (1, 4096, 4096, 21), (4, 4096, 4096, 21), (16, 4096, 4096, 21), (1, 2048, 8192, 21), (16, 2048, 8192, 21),
    (512, 4096, 4096, 7), (2048, 2048, 4096, 5), (4096, 1024, 4096, 5),
  ]
for (m, k, n, reps) in gemmShapes {
  let x = try Tensor.randn([m, k], seed: 1), w = try Tensor.randn([n, k], seed: 2)
  let xa = x.toFloatArray(), wa = w.toFloatArray()
  let c = buffer(m * n)
  let (bare, runtime, ratio) = try xa.withUnsafeBufferPointer { xp in
    try wa.withUnsafeBufferPointer { wp in
      try race(reps: reps) {
        cblas_sgemm(
          CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, xp.baseAddress, Int32(k),
          wp.baseAddress, Int32(k), 0, c, Int32(n))
      } candidate: {
        _ = try MS.dense(x, w)
      }
    }
  }
  c.deallocate()
  row(["m=\(m) k=\(k) n=\(n)", fmt(bare * 1e3, 3), fmt(runtime * 1e3, 3), fmt(2 * Double(m * k * n) / runtime / 1e9, 1), fmt(ratio, 3)])
  figures.append(("matmul_m\(m)_k\(k)_n\(n)_ratio", ratio))
}

}

// MARK: - Memory-bound ops

if selected("memory") {
emit("")
row(["memory-bound op (float32)", "memcpy ms", "op ms", "op GB/s", "ratio"])
let tokens = smoke ? 64 : 4096, hidden = smoke ? 256 : 4096

/// Races `op` against one memcpy moving the same traffic (`bytes` read plus written, halved).
@MainActor func memoryBound(_ name: String, traffic bytes: Int, reps: Int = smoke ? 3 : 25, _ op: () throws -> Void) throws {
  let count = bytes / 2 / 4
  let source = buffer(count), target = buffer(count, fill: 0)
  defer {
    source.deallocate()
    target.deallocate()
  }
  let (copy, time, ratio) = try race(reps: reps) { memcpy(target, source, count * 4) } candidate: { try op() }
  row([name, fmt(copy * 1e3, 3), fmt(time * 1e3, 3), fmt(Double(bytes) / time / 1e9, 1), fmt(ratio, 3)])
  figures.append(("\(name)_ratio", ratio))
}

let x = try Tensor.randn([tokens, hidden], seed: 3), gamma = try Tensor.randn([hidden], seed: 4)
let bytes = tokens * hidden * 4
try memoryBound("rms_norm", traffic: 2 * bytes) { _ = try MS.rmsNorm(x, gamma) }
let residual = try Tensor.randn([tokens, hidden], seed: 5)
try memoryBound("add_rms_norm", traffic: 4 * bytes) { _ = try MS.addRmsNorm(x, residual, gamma) }
try memoryBound("softmax", traffic: 2 * bytes) { _ = try MS.softmax(x) }
let gateUp = try Tensor.randn([tokens / 2, 2 * hidden], seed: 6)
try memoryBound("swiglu", traffic: bytes + bytes / 2) { _ = try MS.swiglu(gateUp) }
let (heads, headSize) = (hidden / 128, 128)
let q = try x.reshape([tokens, heads, headSize])
let cos = try Tensor.randn([tokens, 1, headSize], seed: 7), sin = try Tensor.randn([tokens, 1, headSize], seed: 8)
try memoryBound("rotary_position_embedding", traffic: 2 * bytes + 2 * tokens * headSize * 4) {
  _ = try MS.rotaryPositionEmbedding(q, cos: cos, sin: sin, mode: 0)
}
let kvHeads = max(heads / 4, 1)
let key = try Tensor.randn([tokens, kvHeads, headSize], seed: 9), value = try Tensor.randn([tokens, kvHeads, headSize], seed: 10)
let cacheBlocks = 2 * tokens / blockSize
var keyCache = try Tensor.zeros([cacheBlocks, blockSize, kvHeads, headSize])
var valueCache = try Tensor.zeros([cacheBlocks, blockSize, kvHeads, headSize])
let slots = try Tensor(shape: [tokens], dtype: .int32, ints: (0..<tokens).map { ($0 * 7919) % (cacheBlocks * blockSize) })
try memoryBound("reshape_and_cache", traffic: 4 * tokens * kvHeads * headSize * 4) {
  try MS.reshapeAndCache(key: key, value: value, keyCache: &keyCache, valueCache: &valueCache, slotMapping: slots)
}

}

// MARK: - Paged attention

if selected("attention") {
emit("")
let batch = smoke ? 4 : 32, context = smoke ? 128 : 2048
let (qHeads, kvH, d) = (32, 4, 128)
let blocksPerSequence = context / blockSize
let totalBlocks = batch * blocksPerSequence
let kCache = try Tensor.randn([totalBlocks, blockSize, kvH, d], seed: 11)
let vCache = try Tensor.randn([totalBlocks, blockSize, kvH, d], seed: 12)
let table = try Tensor(
  shape: [batch, blocksPerSequence], dtype: .int32,
  ints: (0..<totalBlocks).map { ($0 * 2_654_435_761) % totalBlocks })  // scattered blocks
let lengths = try Tensor(shape: [batch], dtype: .int32, ints: [Int](repeating: context, count: batch))
let query = try Tensor.randn([batch, qHeads, d], seed: 13)
/// Races paged attention over caches of `dtype` against a memcpy of the KV bytes it reads.
@MainActor func pagedAttention(_ label: String, _ keys: Tensor, _ values: Tensor, _ dtype: DType) throws {
  let kvBytes = 2 * batch * context * kvH * d * dtype.byteWidth
  let copyCount = kvBytes / 4
  let copySource = buffer(copyCount), copyTarget = buffer(copyCount, fill: 0)
  defer {
    copySource.deallocate()
    copyTarget.deallocate()
  }
  let (copyTime, attentionTime, attentionRatio) = try race(reps: smoke ? 3 : 11) {
    memcpy(copyTarget, copySource, copyCount * 4)
  } candidate: {
    _ = try MS.pagedAttention(query: query, keyCache: keys, valueCache: values, blockTables: table, contextLens: lengths, scale: 0.088)
  }
  let kvRate = Double(kvBytes) / attentionTime / 1e9, copyRate = Double(kvBytes) / copyTime / 1e9
  row(["\(batch)×\(context), \(qHeads)/\(kvH) heads, \(dtype)", fmt(copyRate, 1), fmt(kvRate, 1), fmt(attentionTime * 1e3, 2), fmt(attentionRatio, 3)])
  figures.append(("\(label)_kv_gbps", kvRate))
  figures.append(("\(label)_memcpy_gbps", copyRate))
  figures.append(("\(label)_ratio", attentionRatio))
}

row(["paged_attention decode", "memcpy GB/s", "KV GB/s", "ms", "ratio"])
try pagedAttention("paged_attention", kCache, vCache, .float32)
try pagedAttention("paged_attention_f16", kCache.cast(to: .float16), vCache.cast(to: .float16), .float16)

// Causal prefill of two sequences: useful work is the visible half of QKᵀ and PV.
let prefill = smoke ? 128 : 2048
let prefillQuery = try Tensor.randn([2 * prefill, qHeads, d], seed: 14)
let prefillKV = try Tensor.randn([2 * prefill, kvH, d], seed: 15)
var prefillTimes = [Double]()
for _ in 0..<(smoke ? 2 : 5) {
  let start = now()
  _ = try MS.flashAttentionScore(
    query: prefillQuery, key: prefillKV, value: prefillKV, actualSeqQLen: [prefill, 2 * prefill],
    actualSeqKVLen: [prefill, 2 * prefill], scale: 0.088, sparseMode: 3)
  prefillTimes.append(now() - start)
}
let prefillFlops = 2.0 * 2 * Double(prefill * (prefill + 1) / 2) * Double(qHeads * d) * 2
emit("")
row(["flash_attention_score prefill", "", "ms", "GFLOP/s", ""])
row(["2×\(prefill) tokens causal, \(qHeads)/\(kvH) heads", "", fmt(median(prefillTimes) * 1e3, 1), fmt(prefillFlops / median(prefillTimes) / 1e9, 1), ""])
figures.append(("flash_attention_prefill_gflops", prefillFlops / median(prefillTimes) / 1e9))
}

let json = figures.map { "\"\($0.0)\": \(($0.1.isFinite ? fmt($0.1, 4) : "null"))" }.joined(separator: ", ")
emit("\n{\(json)}")
