import APIModel
import Foundation

extension UpstreamSource {
  /// The snapshots of two releases, read at the same time; one progress line counts both.
  func snapshots(_ old: String, _ new: String) throws(CommandError) -> (old: Snapshot, new: Snapshot) {
    let progress = Console.progress("parsing \(old) and \(new)")
    let tally = PairTally()
    let results = PairResults()
    DispatchQueue.concurrentPerform(iterations: 2) { side in
      var sideProgress: (@Sendable (Int, Int) -> Void)?
      if let progress {
        sideProgress = { done, total in
          let sum = tally.update(side: side, done: done, total: total)
          progress(sum.done, sum.total)
        }
      }
      do throws(CommandError) {
        results.set(side, .success(try snapshot(side == 0 ? old : new, progress: sideProgress)))
      } catch {
        results.set(side, .failure(error))
      }
    }
    return (try results.get(0), try results.get(1))
  }
}

/// The latest progress of each side, summed.
private final class PairTally: @unchecked Sendable {
  private let lock = NSLock()
  private var counts = [(done: 0, total: 0), (done: 0, total: 0)]

  func update(side: Int, done: Int, total: Int) -> (done: Int, total: Int) {
    lock.lock()
    defer { lock.unlock() }
    counts[side] = (done, total)
    return (counts[0].done + counts[1].done, counts[0].total + counts[1].total)
  }
}

/// The result of each side, written once from its worker.
private final class PairResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<Snapshot, CommandError>?] = [nil, nil]

  func set(_ side: Int, _ result: Result<Snapshot, CommandError>) {
    lock.lock()
    results[side] = result
    lock.unlock()
  }

  func get(_ side: Int) throws(CommandError) -> Snapshot {
    try results[side]!.get()
  }
}
