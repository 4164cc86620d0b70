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

  /// Shares units out over `count` shards: the costliest first, each to the shard where it
  /// costs least, the lowest index on ties. A unit whose upstream a shard does not read yet costs
  /// that shard an extra share of the work (a shard's fair share: reading a snapshot is most of a
  /// run), so each upstream is split over as few shards as balance allows. Deterministic: ties in cost keep the given (check, name) order.
  public static func partition(_ units: [WorkUnit], into count: Int) -> [[WorkUnit]] {
    let ordered = units.enumerated().sorted { a, b in
      a.element.cost != b.element.cost ? a.element.cost > b.element.cost : a.offset < b.offset
    }
    let upstreamCost = units.reduce(0) { $0 + $1.cost } / count
    var shards = Array(repeating: [WorkUnit](), count: count)
    var loads = Array(repeating: 0, count: count)
    var upstreams = Array(repeating: Set<String>(), count: count)
    for (_, unit) in ordered {
      func cost(_ shard: Int) -> Int {
        loads[shard] + (unit.upstream.map { upstreams[shard].contains($0) ? 0 : upstreamCost } ?? 0)
      }
      let target = loads.indices.min { cost($0) != cost($1) ? cost($0) < cost($1) : $0 < $1 }!
      shards[target].append(unit)
      loads[target] += unit.cost
      if let upstream = unit.upstream { upstreams[target].insert(upstream) }
    }
    return shards
  }

  /// This shard's units.
  public func select(_ units: [WorkUnit]) -> [WorkUnit] {
    Self.partition(units, into: count)[index - 1]
  }
}
