import COpenBLAS
import Foundation
import ModelCatalog
import ModelParity
import MSRuntime

// Two figures of the runtime side of model parity for one revision:
// 1. the whole numeric parity run (all catalogue models × bf16, fp16, fp32), in seconds;
// 2. per model, its decoder layers' float32 prefill time (LayerBenchmark: the parity recipe on
//    the revision's op mappings, a ragged batch of a few hundred tokens, after a warm-up pass)
//    against the layer's GEMM-only bound: every GEMM the layer issued, replayed as bare
//    cblas_sgemm at its own shape (m, n, k, transposes, leading dimensions). Layer passes and
//    replays alternate; figures are medians over the passes. A model's ratio is that of its
//    layer kind furthest from its bound.
// Prints a table, then one JSON line of figures. `--only MODEL` (repeatable) times just those
// models' layers and skips the whole run.

var arguments = Array(CommandLine.arguments.dropFirst())
var only: [String] = []
while let flag = arguments.firstIndex(of: "--only"), flag + 1 < arguments.count {
  only.append(arguments[flag + 1])
  arguments.removeSubrange(flag...flag + 1)
}
let revision = arguments.first ?? "v0.11.0"
let repetitions = 7
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let adapters = root.appendingPathComponent("adapters")

/// Wall time of `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
  let started = ContinuousClock.now
  try body()
  let elapsed = ContinuousClock.now - started
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The middle value (the upper one of an even count).
func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
}

/// Every GEMM of a layer pass, replayed as bare `cblas_sgemm` calls at the same shapes on
/// buffers of their own.
final class GEMMReplay {
  private let calls: [(shape: GEMMShape, count: Int, a: [Float], b: [Float])]
  private var c: [[Float]]

  /// Allocates the operands of every shape in `gemms` (calls by shape).
  init(_ gemms: [GEMMShape: Int]) {
    calls = gemms.sorted { $0.key < $1.key }.map { shape, count in
      (shape, count, [Float](repeating: 0.5, count: max(1, (shape.transposeA ? shape.k : shape.m) * shape.lda)),
       [Float](repeating: 0.25, count: max(1, (shape.transposeB ? shape.n : shape.k) * shape.ldb)))
    }
    c = calls.map { [Float](repeating: 0, count: max(1, $0.shape.m * $0.shape.ldc)) }
  }

  /// Issues every call once.
  func run() {
    for (index, call) in calls.enumerated() {
      let s = call.shape
      for _ in 0..<call.count {
        cblas_sgemm(
          CblasRowMajor, s.transposeA ? CblasTrans : CblasNoTrans, s.transposeB ? CblasTrans : CblasNoTrans, Int32(s.m),
          Int32(s.n), Int32(s.k), 1, call.a, Int32(s.lda), call.b, Int32(s.ldb), 0, &c[index], Int32(s.ldc))
      }
    }
  }
}

// One BLAS thread for the layers and the bare GEMMs alike: the machine's two cores are shared.
MS.setBLASThreads(1)
let catalog = try ModelCatalog.load(from: adapters.appendingPathComponent("models.yaml"))
var report: ModelParityReport?
let total = try seconds {
  if only.isEmpty { report = try ModelParityRunner(adaptersDirectory: adapters.path, catalog: catalog).run(revision: revision) }
}

// Per layer: layer passes and bare replays of its GEMMs alternate, so both see the same load.
/// One layer's row of the table.
struct LayerFigures {
  var architecture, layer: String
  var tokens, gemmCalls: Int
  var flops, layerSeconds, boundSeconds, ratio: Double
}
var layers: [LayerFigures] = []
try LayerBenchmark(adaptersDirectory: adapters.path, catalog: catalog).forEachLayer(
  revision: revision, models: only.isEmpty ? nil : only
) { layer in
  let replay = GEMMReplay(layer.gemms)
  replay.run()
  var passes: [(layer: Double, bound: Double)] = []
  for _ in 0..<repetitions {
    let layerSeconds = try seconds { try layer.run() }
    passes.append((layerSeconds, seconds { replay.run() }))
  }
  layers.append(
    LayerFigures(
      architecture: layer.architecture, layer: layer.layer, tokens: layer.tokens, gemmCalls: layer.gemms.values.reduce(0, +),
      flops: layer.gemms.reduce(0) { $0 + $1.key.flops * Double($1.value) }, layerSeconds: median(passes.map(\.layer)),
      boundSeconds: median(passes.map(\.bound)), ratio: median(passes.map { $0.bound / $0.layer })))
}

if let report {
  print("model parity \(revision): \(report.results.count) model × dtype runs in \(String(format: "%.2f", total)) s, "
    + "\(report.results.filter(\.passed).count) passed")
}
print("decoder layers in float32, prefill of \(LayerBenchmark.promptLengths.map(String.init).joined(separator: " + ")) tokens, "
  + "medians of \(repetitions) passes; GEMM bound = the layer's GEMMs replayed as bare cblas_sgemm at their own shapes "
  + "(projections, experts, and attention's QKᵀ and PV, which the runtime runs on BLAS); ratio = median of bound / layer")
print("| model | layer | tokens | GEMMs | GFLOP | layer ms | GEMM-bound ms | bare GFLOP/s | ratio |")
print("|---|---|---|---|---|---|---|---|---|")
var figures: [(String, Double)] = report == nil ? [] : [("total_seconds", total)]
var byModel: [(String, Double)] = []
for l in layers {
  print("| \(l.architecture) | \(l.layer) | \(l.tokens) | \(l.gemmCalls) | "
    + String(format: "%.3f | %.2f | %.2f | %.1f | %.3f |", l.flops / 1e9, l.layerSeconds * 1e3, l.boundSeconds * 1e3,
      l.flops / l.boundSeconds / 1e9, l.ratio))
  if let index = byModel.firstIndex(where: { $0.0 == l.architecture }) {
    byModel[index].1 = min(byModel[index].1, l.ratio)
  } else {
    byModel.append((l.architecture, l.ratio))
  }
}
let minimum = byModel.map(\.1).min() ?? 0
print("min ratio \(String(format: "%.3f", minimum)) (\(byModel.first { $0.1 == minimum }?.0 ?? "-"))")
figures.append(("min_gemm_bound_ratio", minimum))
figures += byModel.map { ("\($0.0)_gemm_bound_ratio", $0.1) }
print("{" + figures.map { "\"\($0.0)\": \(String(format: "%.4g", $0.1))" }.joined(separator: ", ") + "}")
