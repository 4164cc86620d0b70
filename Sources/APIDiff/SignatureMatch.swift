import APIModel

/// How the parameters of an old and a new signature correspond.
///
/// Parameters match by name first; an unmatched old parameter whose position, kind and
/// optionality are taken by an unmatched new one is a rename. Positional parameters are
/// reordered only when their relative order changed, so a parameter inserted in front of
/// others is one addition, not a move of every parameter after it.
public struct SignatureMatch: Sendable {
  /// An old parameter and the new parameter it became.
  public struct Pair: Sendable {
    public let old: Parameter
    public let oldIndex: Int
    public let new: Parameter
    public let newIndex: Int
  }

  public let oldParams: [Parameter]
  public let newParams: [Parameter]
  /// Parameters with the same name in both signatures.
  public let matched: [Pair]
  /// Parameters at the same position with the same kind but another name.
  public let renamed: [Pair]
  /// Old parameters with no counterpart.
  public let removed: [(parameter: Parameter, index: Int)]
  /// New parameters with no counterpart.
  public let added: [(parameter: Parameter, index: Int)]
  /// Matched positional parameters whose order relative to the others changed.
  public let reordered: [Pair]

  public init(old: [Parameter], new: [Parameter]) {
    oldParams = old
    newParams = new
    let newIndex = Dictionary(new.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    var matched: [Pair] = []
    var unmatchedOld: [Int] = []
    var usedNew: Set<Int> = []
    for (i, p) in old.enumerated() {
      if let j = newIndex[p.name] {
        matched.append(Pair(old: p, oldIndex: i, new: new[j], newIndex: j))
        usedNew.insert(j)
      } else {
        unmatchedOld.append(i)
      }
    }
    var renamed: [Pair] = []
    var removed: [(Parameter, Int)] = []
    for i in unmatchedOld {
      if i < new.count, !usedNew.contains(i), new[i].kind == old[i].kind,
         new[i].hasDefault == old[i].hasDefault {
        renamed.append(Pair(old: old[i], oldIndex: i, new: new[i], newIndex: i))
        usedNew.insert(i)
      } else {
        removed.append((old[i], i))
      }
    }
    self.matched = matched
    self.renamed = renamed
    self.removed = removed
    self.added = new.enumerated().filter { !usedNew.contains($0.offset) }.map { ($0.element, $0.offset) }
    self.reordered = SignatureMatch.outOfOrder(matched.filter { $0.old.isPositional && $0.new.isPositional })
  }

  /// The new signature takes arbitrary keywords.
  public var newHasVarKeyword: Bool { newParams.contains { $0.kind == .varKeyword } }
  /// The new signature takes arbitrary positional arguments.
  public var newHasVarPositional: Bool { newParams.contains { $0.kind == .varPositional } }

  // The pairs (in old order) outside a longest run whose new order is increasing.
  static func outOfOrder(_ pairs: [Pair]) -> [Pair] {
    let n = pairs.count
    guard n > 1 else { return [] }
    var length = [Int](repeating: 1, count: n)
    var previous = [Int](repeating: -1, count: n)
    for i in 0..<n {
      for j in 0..<i where pairs[j].newIndex < pairs[i].newIndex && length[j] + 1 > length[i] {
        length[i] = length[j] + 1
        previous[i] = j
      }
    }
    var keep: Set<Int> = []
    var k = length.indices.max { length[$0] < length[$1] }
    while let i = k, i >= 0 {
      keep.insert(i)
      k = previous[i] >= 0 ? previous[i] : nil
    }
    return pairs.indices.filter { !keep.contains($0) }.map { pairs[$0] }
  }
}
