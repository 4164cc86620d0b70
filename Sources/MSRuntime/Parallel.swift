#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Dispatch

/// Splits row-parallel work across the machine's cores.
enum Parallel {
  /// Worker count: the number of online cores.
  static let workers = max(1, min(sysconfCores(), 64))

  /// Runs `body` over consecutive chunks of `0..<count`, concurrently when the total work
  /// (`count * cost`, roughly in bytes touched) is big enough to pay for the threads.
  static func chunks(_ count: Int, cost: Int, _ body: (Range<Int>) -> Void) {
    let chunkCount = min(workers, count)
    let (work, overflow) = count.multipliedReportingOverflow(by: cost)
    if chunkCount <= 1 || (!overflow && work < 1 << 19) {
      body(0..<count)
      return
    }
    withoutActuallyEscaping(body) { work in
      let box = UncheckedBox(work)
      DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let lower = count * chunk / chunkCount
        let upper = count * (chunk + 1) / chunkCount
        box.value(lower..<upper)
      }
    }
  }

  private static func sysconfCores() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }
}

/// Carries non-Sendable work into `concurrentPerform`; each chunk writes disjoint memory.
private struct UncheckedBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
