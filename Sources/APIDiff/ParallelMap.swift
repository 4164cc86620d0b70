import Foundation

/// `(0..<count).map(transform)`, computed on every core; the results keep their order.
package func parallelMap<Result: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
  let slots = Slots<Result>(count: count)
  DispatchQueue.concurrentPerform(iterations: count) { slots.set($0, transform($0)) }
  return slots.values.map { $0! }
}

/// Result slots written from concurrent workers, one index each.
private final class Slots<Value: Sendable>: @unchecked Sendable {
  private(set) var values: [Value?]
  private let lock = NSLock()

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }
}
