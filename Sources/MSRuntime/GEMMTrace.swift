import COpenBLAS
import Foundation

/// One `cblas_sgemm` call as the runtime issues it (row-major): `C[m, n] = A[m, k] · B[k, n]`
/// with the operands' transposes and leading dimensions.
public struct GEMMShape: Hashable, Sendable, Comparable, CustomStringConvertible {
  public var m, n, k: Int
  public var transposeA, transposeB: Bool
  public var lda, ldb, ldc: Int

  /// Creates a shape.
  public init(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, lda: Int, ldb: Int, ldc: Int) {
    (self.m, self.n, self.k, self.transposeA, self.transposeB) = (m, n, k, transposeA, transposeB)
    (self.lda, self.ldb, self.ldc) = (lda, ldb, ldc)
  }

  /// Floating-point operations of one call (a multiply and an add per term).
  public var flops: Double { 2 * Double(m) * Double(n) * Double(k) }

  /// `m×k·k×n` with `ᵀ` marking a transposed operand, as in `33×256·256ᵀ×1024`.
  public var description: String { "\(m)×\(k)\(transposeA ? "ᵀ" : "")·\(k)×\(n)\(transposeB ? "ᵀ" : "")" }

  public static func < (a: GEMMShape, b: GEMMShape) -> Bool {
    (a.m, a.n, a.k, a.lda, a.ldb, a.ldc) < (b.m, b.n, b.k, b.lda, b.ldb, b.ldc)
      || (a.m, a.n, a.k, a.lda, a.ldb, a.ldc) == (b.m, b.n, b.k, b.lda, b.ldb, b.ldc)
      && (a.transposeA ? 1 : 0, a.transposeB ? 1 : 0) < (b.transposeA ? 1 : 0, b.transposeB ? 1 : 0)
  }
}

/// Counts the GEMMs the runtime issues while it is the current task's ``MS/gemmTrace``, so a
/// benchmark can race bare BLAS at the very shapes an op sequence used.
public final class GEMMTrace: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [GEMMShape: Int] = [:]

  /// Creates an empty trace.
  public init() {}

  /// How many calls of each shape were recorded.
  public var calls: [GEMMShape: Int] { lock.withLock { counts } }

  func record(_ shape: GEMMShape) { lock.withLock { counts[shape, default: 0] += 1 } }
}

extension MS {
  /// Where the runtime's GEMMs are counted while set (`MS.$gemmTrace.withValue(trace) { … }`).
  @TaskLocal public static var gemmTrace: GEMMTrace?

  /// `C = alpha · op(A) · op(B) + beta · C` in row-major `float32` through OpenBLAS; every GEMM of
  /// the runtime goes through here.
  static func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float, _ a: UnsafePointer<Float>, lda: Int,
    _ b: UnsafePointer<Float>, ldb: Int, beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    gemmTrace?.record(
      GEMMShape(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, lda: lda, ldb: ldb, ldc: ldc))
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans, Int32(m), Int32(n),
      Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }
}
