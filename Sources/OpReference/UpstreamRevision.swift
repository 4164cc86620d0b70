/// A vLLM release such as `v0.11.0` or `v0.6.6.post1`, ordered numerically.
public struct UpstreamRevision: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let name: String
  let numbers: [Int]

  /// Parses a release tag; returns nil when it is not `v<major>.<minor>[.<patch>][.postN]`.
  public init?(_ name: String) {
    guard name.hasPrefix("v") else { return nil }
    var numbers: [Int] = []
    for part in name.dropFirst().split(separator: ".") {
      if part.hasPrefix("post"), let post = Int(part.dropFirst(4)) {
        numbers.append(post)
      } else if let value = Int(part) {
        numbers.append(value)
      } else {
        return nil
      }
    }
    guard numbers.count >= 2 else { return nil }
    self.name = name
    self.numbers = numbers
  }

  /// The release `v<numbers joined by .>`.
  static func since(_ numbers: Int...) -> UpstreamRevision {
    UpstreamRevision(name: "v" + numbers.map(String.init).joined(separator: "."), numbers: numbers)
  }

  private init(name: String, numbers: [Int]) {
    self.name = name
    self.numbers = numbers
  }

  public var description: String { name }

  public static func < (lhs: UpstreamRevision, rhs: UpstreamRevision) -> Bool {
    let count = max(lhs.numbers.count, rhs.numbers.count)
    for i in 0..<count {
      let l = i < lhs.numbers.count ? lhs.numbers[i] : 0
      let r = i < rhs.numbers.count ? rhs.numbers[i] : 0
      if l != r { return l < r }
    }
    return false
  }
}
