import COpenBLAS
import Foundation
import ModelCatalog
import ModelParity

// Runs the whole model parity matrix once (all catalogue models × bf16, fp16, fp32 for one
// revision), then races bare cblas_sgemm for the GEMM rate of the same process, and prints per
// model the runtime side's time against its GEMM-only bound, ending with one JSON line.

let arguments = CommandLine.arguments.dropFirst()
let revision = arguments.first ?? "v0.11.0"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()
let adapters = root.appendingPathComponent("adapters")

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let started = ContinuousClock.now
  try body()
  let elapsed = ContinuousClock.now - started
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

let catalog = try ModelCatalog.load(from: adapters.appendingPathComponent("models.yaml"))
var report: ModelParityReport?
let total = try seconds {
  report = try ModelParityRunner(adaptersDirectory: adapters.path, catalog: catalog).run(revision: revision)
}
guard let report else { fatalError("no report") }

// The bare GEMM rate at the run's typical shape: 33 prompt tokens through a 256 → 1024 projection.
let (m, k, n) = (33, 256, 1024)
let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: n * k)
var c = [Float](repeating: 0, count: m * n)
let reps = 2000
let gemm = seconds {
  for _ in 0..<reps {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(k), b, Int32(k), 0, &c, Int32(n))
  }
}
let rate = 2 * Double(m * k * n) * Double(reps) / gemm

print("model parity \(revision): \(report.results.count) model × dtype runs in \(String(format: "%.2f", total)) s, "
  + "\(report.results.filter(\.passed).count) passed; bare sgemm \(String(format: "%.1f", rate / 1e9)) GFLOP/s")
print("| model | runtime side s (3 dtypes) | matmul GFLOP | GEMM bound s | ratio |")
print("|---|---|---|---|---|")
var figures: [(String, Double)] = [("total_seconds", total), ("sgemm_gflops", rate / 1e9)]
var byModel: [String: (seconds: Double, flops: Double)] = [:]
for result in report.results {
  byModel[result.architecture, default: (0, 0)].seconds += result.runtime.seconds
  byModel[result.architecture, default: (0, 0)].flops += result.runtime.matmulFlops
}
for (model, figure) in byModel.sorted(by: { $0.key < $1.key }) {
  let bound = figure.flops / rate
  let ratio = bound / figure.seconds
  print("| \(model) | \(String(format: "%.3f", figure.seconds)) | \(String(format: "%.3f", figure.flops / 1e9)) | "
    + "\(String(format: "%.4f", bound)) | \(String(format: "%.3f", ratio)) |")
  figures.append(("\(model)_gemm_bound_ratio", ratio))
}
print("{" + figures.map { "\"\($0.0)\": \(String(format: "%.4g", $0.1))" }.joined(separator: ", ") + "}")
