import Foundation

/// Which findings the gate keeps: `only` and `exclude` entries are dotted upstream prefixes
/// (`vllm.config`) or, when they contain a `/` or a `*`, plugin path globs (`vllm_mindspore/v1/*`).
public struct Scope: Equatable, Sendable {
  public var only: [String]
  public var exclude: [String]

  public init(only: [String] = [], exclude: [String] = []) {
    self.only = only
    self.exclude = exclude
  }

  /// Whether a finding is in scope. A kind of filter applies only to findings that have its
  /// attribute: prefixes to those with an upstream target, globs to those with a file.
  public func keeps(_ finding: GateFinding) -> Bool {
    Self.admits(only, target: finding.target, file: finding.file)
      && !exclude.contains { Self.matches($0, target: finding.target, file: finding.file) }
  }

  /// Whether a plugin file may hold findings in scope (units outside it need not run).
  public func keeps(file: String) -> Bool {
    let globs = only.filter(Self.isGlob)
    return (globs.isEmpty || globs.contains { Self.glob($0, file) })
      && !exclude.filter(Self.isGlob).contains { Self.glob($0, file) }
  }

  /// Whether `only` admits a finding: each kind of filter given must match, when it applies.
  private static func admits(_ patterns: [String], target: String?, file: String?) -> Bool {
    let prefixes = patterns.filter { !isGlob($0) }
    let globs = patterns.filter(isGlob)
    let prefixOK = prefixes.isEmpty || target.map { t in prefixes.contains { prefix($0, t) } } ?? true
    let globOK = globs.isEmpty || file.map { f in globs.contains { glob($0, f) } } ?? true
    return prefixOK && globOK
  }

  private static func matches(_ pattern: String, target: String?, file: String?) -> Bool {
    isGlob(pattern) ? file.map { glob(pattern, $0) } ?? false : target.map { prefix(pattern, $0) } ?? false
  }

  static func isGlob(_ pattern: String) -> Bool { pattern.contains("/") || pattern.contains("*") }

  private static func prefix(_ prefix: String, _ path: String) -> Bool {
    path == prefix || path.hasPrefix(prefix + ".")
  }

  /// `fnmatch` without FNM_PATHNAME: `*` also crosses `/`.
  static func glob(_ pattern: String, _ path: String) -> Bool { fnmatch(pattern, path, 0) == 0 }
}
