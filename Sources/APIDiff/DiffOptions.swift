import APIModel

/// Which changes a diff reports. Filtering happens after classification and never changes it.
public struct DiffOptions: Hashable, Sendable {
  /// Dotted path prefixes to keep (`vllm.config` keeps `vllm.config.CacheConfig`); empty keeps all.
  public var only: [String]
  /// Keep changes whose path has a component starting with `_` (dunders are public).
  public var includePrivate: Bool
  /// Keep only changes that break callers or subclasses.
  public var breakingOnly: Bool
  /// Keep `body` changes (implementation drift without an API change).
  public var includeBody: Bool

  public init(only: [String] = [], includePrivate: Bool = true, breakingOnly: Bool = false,
              includeBody: Bool = true) {
    self.only = only
    self.includePrivate = includePrivate
    self.breakingOnly = breakingOnly
    self.includeBody = includeBody
  }

  /// Whether a classified change passes these filters.
  public func keeps(_ change: Change) -> Bool {
    if breakingOnly && !change.isBreaking { return false }
    if !includeBody && change.change == .body { return false }
    let paths = [change.path] + (change.newPath.map { [$0] } ?? [])
    if !includePrivate && !paths.contains(where: SymbolPath.isPublicPath) { return false }
    if !only.isEmpty {
      return paths.contains { path in
        only.contains { path == $0 || path.hasPrefix($0 + ".") }
      }
    }
    return true
  }
}

extension SymbolPath {
  /// True when no component of a dotted path starts with an underscore (dunders are public).
  public static func isPublicPath(_ path: String) -> Bool {
    path.split(separator: ".").allSatisfy(isPublicName)
  }
}
