/// `--shard i/n`: the i-th of n parts of the work, 1-based.
public struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
  public var index: Int
  public var count: Int

  /// Parses `i/n` with 1 ≤ i ≤ n.
  public init(_ text: String) throws(GateError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1 else {
      throw .argument("--shard \(text): expected i/n, such as 2/4")
    }
    guard (1...count).contains(index) else {
      throw .argument("--shard \(text): the shard index must be between 1 and \(count)")
    }
    self.index = index
    self.count = count
  }

  public var description: String { "\(index)/\(count)" }

  /// Shares units out over `count` shards: the costliest first, each to the shard with the least
  /// cost so far (the lowest index on ties). Deterministic: ties in cost keep check, then name order.
  public static func partition(_ units: [WorkUnit], into count: Int) -> [[WorkUnit]] {
    let ordered = units.enumerated().sorted { a, b in
      a.element.cost != b.element.cost ? a.element.cost > b.element.cost : a.offset < b.offset
    }
    var shards = Array(repeating: [WorkUnit](), count: count)
    var loads = Array(repeating: 0, count: count)
    for (_, unit) in ordered {
      let target = loads.indices.min { loads[$0] != loads[$1] ? loads[$0] < loads[$1] : $0 < $1 }!
      shards[target].append(unit)
      loads[target] += unit.cost
    }
    return shards
  }

  /// This shard's units.
  public func select(_ units: [WorkUnit]) -> [WorkUnit] {
    Self.partition(units, into: count)[index - 1]
  }
}
