/// A PEP 440 version, parsed from a release tag such as `v0.6.6.post1` or `v0.11.0rc2`.
///
/// Versions are totally ordered as PEP 440 orders them: epoch, release (trailing zeros
/// ignored), then `.devN` < `aN` < `bN` < `rcN` < final < `.postN`, then the local label.
public struct ReleaseVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// A pre-release phase.
  public enum Phase: Int, Sendable, Comparable {
    case alpha, beta, candidate

    public static func < (a: Phase, b: Phase) -> Bool { a.rawValue < b.rawValue }

    var label: String { ["a", "b", "rc"][rawValue] }
  }

  /// One dot-separated part of a local version label: numbers sort after words.
  public enum LocalPart: Hashable, Sendable, Comparable {
    case word(String)
    case number(Int)
  }

  /// The `N!` epoch; 0 when absent.
  public var epoch: Int
  /// The release numbers, `[0, 6, 6]`.
  public var release: [Int]
  /// The pre-release: `rc2` is (`.candidate`, 2).
  public var pre: (phase: Phase, number: Int)?
  /// The `.postN` number.
  public var post: Int?
  /// The `.devN` number.
  public var dev: Int?
  /// The local label after `+`, lowercased.
  public var local: [LocalPart]?

  /// Parses a version or a tag; a leading `v` is allowed. Case, `-`/`_`/`.` separators and
  /// the spellings `alpha`, `beta`, `c`, `pre`, `preview`, `rev`, `r` are normalised.
  /// - Parameter text: the tag or version text.
  /// - Returns: nil when the text is not a PEP 440 version.
  public init?(_ text: some StringProtocol) {
    var scanner = VersionScanner(text.lowercased())
    scanner.skip("v")
    var epoch = 0
    guard var first = scanner.number() else { return nil }
    if scanner.skip("!") {
      epoch = first
      guard let n = scanner.number() else { return nil }
      first = n
    }
    var release = [first]
    while scanner.peekDotNumber() {
      scanner.skip(".")
      guard let n = scanner.number() else { return nil }
      release.append(n)
    }
    self.epoch = epoch
    self.release = release

    let save = scanner.position
    scanner.skipSeparator()
    if let phase = scanner.prePhase() {
      scanner.skipSeparator()
      pre = (phase, scanner.number() ?? 0)
    } else {
      scanner.position = save
    }

    let beforePost = scanner.position
    if scanner.skip("-"), let n = scanner.number() {
      post = n
    } else {
      scanner.position = beforePost
      scanner.skipSeparator()
      if scanner.skipAny(["post", "rev", "r"]) {
        scanner.skipSeparator()
        post = scanner.number() ?? 0
      } else {
        scanner.position = beforePost
      }
    }

    let beforeDev = scanner.position
    scanner.skipSeparator()
    if scanner.skip("dev") {
      scanner.skipSeparator()
      dev = scanner.number() ?? 0
    } else {
      scanner.position = beforeDev
    }

    if scanner.skip("+") {
      let separators: Set<Character> = [".", "-", "_"]
      let parts = scanner.rest.split(omittingEmptySubsequences: false) { separators.contains($0) }
      for part in parts {
        let valid = !part.isEmpty && part.allSatisfy { (c: Character) in c.isASCII && (c.isLetter || c.isNumber) }
        guard valid else { return nil }
      }
      local = parts.map { part in Int(part).map(LocalPart.number) ?? .word(String(part)) }
      scanner.position = scanner.end
    }
    guard scanner.atEnd else { return nil }
  }

  /// The normalised form, `0.6.6.post1`, `1!2.0rc1.dev3+local.7`.
  public var description: String {
    var s = epoch != 0 ? "\(epoch)!" : ""
    s += release.map(String.init).joined(separator: ".")
    if let pre { s += "\(pre.phase.label)\(pre.number)" }
    if let post { s += ".post\(post)" }
    if let dev { s += ".dev\(dev)" }
    if let local {
      s += "+" + local.map { part in
        switch part {
        case .word(let w): w
        case .number(let n): String(n)
        }
      }.joined(separator: ".")
    }
    return s
  }

  /// True for alpha, beta, candidate and development releases.
  public var isPrerelease: Bool { pre != nil || dev != nil }

  public static func == (a: ReleaseVersion, b: ReleaseVersion) -> Bool { a.key == b.key }

  public func hash(into hasher: inout Hasher) { hasher.combine(key) }

  public static func < (a: ReleaseVersion, b: ReleaseVersion) -> Bool { a.key < b.key }

  /// The PEP 440 sort key, flattened into comparable pieces.
  private var key: SortKey {
    var trimmed = release
    while trimmed.count > 1, trimmed.last == 0 { trimmed.removeLast() }
    // A bare `.devN` sorts before every pre-release of the same release.
    let preRank: [Int] =
      if let pre { [1, pre.phase.rawValue, pre.number] }
      else if post == nil && dev != nil { [0] }
      else { [2] }
    return SortKey(
      epoch: epoch, release: trimmed, pre: preRank,
      post: post.map { [1, $0] } ?? [0], dev: dev.map { [0, $0] } ?? [1], local: local ?? [])
  }
}

extension ReleaseVersion.LocalPart {
  public static func < (a: Self, b: Self) -> Bool {
    switch (a, b) {
    case (.word(let x), .word(let y)): x < y
    case (.number(let x), .number(let y)): x < y
    case (.word, .number): true
    case (.number, .word): false
    }
  }
}

private struct SortKey: Hashable, Comparable {
  var epoch: Int
  var release: [Int]
  var pre: [Int]
  var post: [Int]
  var dev: [Int]
  var local: [ReleaseVersion.LocalPart]

  static func < (a: SortKey, b: SortKey) -> Bool {
    if a.epoch != b.epoch { return a.epoch < b.epoch }
    if a.release != b.release { return padded(a.release, b.release).lexicographicallyPrecedes(padded(b.release, a.release)) }
    if a.pre != b.pre { return a.pre.lexicographicallyPrecedes(b.pre) }
    if a.post != b.post { return a.post.lexicographicallyPrecedes(b.post) }
    if a.dev != b.dev { return a.dev.lexicographicallyPrecedes(b.dev) }
    return a.local.lexicographicallyPrecedes(b.local)
  }

  private static func padded(_ x: [Int], _ y: [Int]) -> [Int] {
    x + Array(repeating: 0, count: max(0, y.count - x.count))
  }
}

/// A cursor over the lowercased version text.
private struct VersionScanner {
  let chars: [Character]
  var position = 0

  init(_ text: String) { chars = Array(text) }

  var end: Int { chars.count }
  var atEnd: Bool { position == chars.count }
  var rest: String { String(chars[position...]) }

  mutating func number() -> Int? {
    var value = 0
    let start = position
    while position < chars.count, let d = chars[position].wholeNumberValue, chars[position].isASCII {
      guard value < Int.max / 10 - 9 else { return nil }
      value = value * 10 + d
      position += 1
    }
    return position > start ? value : nil
  }

  func peekDotNumber() -> Bool {
    position + 1 < chars.count && chars[position] == "." && chars[position + 1].isASCII
      && chars[position + 1].isNumber
  }

  @discardableResult
  mutating func skip(_ word: String) -> Bool {
    let w = Array(word)
    guard position + w.count <= chars.count, Array(chars[position..<position + w.count]) == w else { return false }
    position += w.count
    return true
  }

  mutating func skipAny(_ words: [String]) -> Bool { words.contains { skip($0) } }

  mutating func skipSeparator() {
    if position < chars.count, ".-_".contains(chars[position]) { position += 1 }
  }

  mutating func prePhase() -> ReleaseVersion.Phase? {
    // Longest spellings first: `preview` before `pre`, `rc` before `c`.
    if skipAny(["alpha", "a"]) { return .alpha }
    if skipAny(["beta", "b"]) { return .beta }
    if skipAny(["rc", "c", "preview", "pre"]) { return .candidate }
    return nil
  }
}
