/// Expert choices of the reference side, shared with the runtime side of the same model run.
///
/// The runtime side's routing (through the mapping) is checked against the reference's — same
/// experts, weights within tolerance — and then the reference's routing is used by both, so a
/// near-tie that half-precision rounding resolves the other way is counted as a flip instead of
/// sending one token through different experts for the rest of the run.
final class RoutingLedger {
  private var recorded: [(weights: [Float], ids: [Int])] = []
  private var next = 0
  /// Token routings compared, and those whose set of experts differed.
  private(set) var compared = 0
  private(set) var flips = 0
  /// Largest weight difference where the experts agreed.
  private(set) var maxWeightError: Float = 0

  /// Records the reference side's routing of one MoE call.
  func record(weights: [Float], ids: [Int]) -> (weights: [Float], ids: [Int]) {
    recorded.append((weights, ids))
    return (weights, ids)
  }

  /// Checks the runtime side's routing of the next MoE call and returns the reference's.
  func check(weights: [Float], ids: [Int], topk: Int) -> (weights: [Float], ids: [Int]) {
    guard next < recorded.count else { return (weights, ids) }
    let expected = recorded[next]
    next += 1
    for token in 0..<min(ids.count, expected.ids.count) / topk {
      let range = token * topk..<(token + 1) * topk
      compared += 1
      let want = Dictionary(uniqueKeysWithValues: range.map { (expected.ids[$0], expected.weights[$0]) })
      let got = Dictionary(range.map { (ids[$0], weights[$0]) }, uniquingKeysWith: { first, _ in first })
      guard Set(want.keys) == Set(got.keys) else {
        flips += 1
        continue
      }
      for (expert, weight) in want { maxWeightError = max(maxWeightError, abs((got[expert] ?? .nan) - weight)) }
      if want.values.contains(where: \.isNaN) || got.values.contains(where: \.isNaN) { maxWeightError = .infinity }
    }
    return expected
  }
}
