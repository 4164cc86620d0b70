import APIModel
import PluginScan

/// Checks plugin dependencies against one upstream release.
public struct DependencyChecker: Sendable {
  /// The release checked.
  public let view: UpstreamView
  /// The release the dependencies were last known good at, when known: locates what is gone.
  public let previous: UpstreamView?
  /// Old path → new path of symbols that moved from `previous` to `view`.
  public let moves: [String: String]
  /// Paths the plugin patches (replace, wrap) as written: a re-export patched at every
  /// importing module is not reported.
  public let patchedPaths: Set<String>

  /// Creates a checker for `view`, with what is known about the release before it.
  public init(view: UpstreamView, previous: UpstreamView? = nil, moves: [String: String] = [:],
              patchedPaths: Set<String> = []) {
    self.view = view
    self.previous = previous
    self.moves = moves
    self.patchedPaths = patchedPaths
  }

  /// The findings for one dependency; none when its lane does not admit the release or it
  /// exists only for type checkers.
  public func check(_ dependency: Dependency) -> [ImpactFinding] {
    guard !dependency.isTypeCheckingOnly, Lane.admits(dependency.lane, release: view.release) else { return [] }
    func finding(_ kind: FindingKind, _ message: String, upstream: SourceLocation?, details: [String] = [],
                 suggested: String? = nil) -> ImpactFinding {
      ImpactFinding(
        kind, target: dependency.target, suggestedTarget: suggested, kind: dependency.kind,
        pluginSymbol: dependency.pluginSymbol, plugin: dependency.location, upstream: upstream, message: message,
        details: details)
    }
    guard let symbol = view.lookup(dependency.target) else {
      // An outside object or a name provided by a module `__getattr__`: exists at run time,
      // but nothing more is known.
      if view.existsUnfollowed(dependency.target) { return [] }
      return [gone(dependency, finding)]
    }
    switch dependency.kind {
    case .replace, .wrap:
      return reexport(dependency, symbol, finding) + signature(dependency, symbol, finding) + body(dependency, symbol, finding)
    case .module:
      return []
    case .subclass:
      return subclass(dependency, symbol, finding)
    case .import:
      return []
    case .call:
      return call(dependency, symbol, finding)
    }
  }

  /// Builds a finding about the dependency: kind, message, upstream location, details, suggested target.
  private typealias Make = (FindingKind, String, SourceLocation?, [String], String?) -> ImpactFinding

  private func gone(_ dependency: Dependency, _ make: Make) -> ImpactFinding {
    let target = dependency.target
    let before = previous?.lookup(target)
    let kind: FindingKind
    let what: String
    switch dependency.kind {
    case .import:
      if view.surface.typeCheckingOnly.contains(target) {
        return make(.importTypeCheckingOnly, "`\(target)` is defined only under `if TYPE_CHECKING:` at \(view.release): the import fails at run time",
                    nil, [], nil)
      }
      (kind, what) = before?.kind == .module ? (.moduleRemoved, "module") : (.importRemoved, "imported name")
    case .module: (kind, what) = (.moduleRemoved, "replaced module")
    case .subclass: (kind, what) = (.subclassBaseRemoved, "base class")
    case .wrap: (kind, what) = (.wrapTargetRemoved, "wrapped original")
    case .replace: (kind, what) = (.patchTargetRemoved, "patched name")
    case .call: (kind, what) = (.callTargetRemoved, "called name")
    }
    let canonical = before.map(\.path)
    let suggested = moves[target] ?? canonical.flatMap { moves[$0] }
      ?? view.sameNameCandidate(for: canonical ?? target, kind: before?.kind)
    var message = "\(what) `\(target)` does not exist at \(view.release)"
    if dependency.kind == .replace { message += "; the assignment just creates it" }
    if let suggested { message += "; now at `\(suggested)`" }
    if let dot = target.lastDot, let owner = view.lookup(String(target[..<dot])), owner.kind == .class {
      let external = view.externalBases(of: owner)
      if !external.isEmpty {
        message += " (unless inherited from \(external.map { "`\($0)`" }.joined(separator: ", ")), outside the snapshot)"
      }
    }
    return make(kind, message, before?.location, [], suggested)
  }

  private func reexport(_ dependency: Dependency, _ symbol: Symbol, _ make: Make) -> [ImpactFinding] {
    guard let dot = dependency.target.lastDot, symbol.path != dependency.target,
          view.lookup(String(dependency.target[..<dot]))?.kind == .module
    else { return [] }
    // The patch rebinds one module's name; every other module importing the object still
    // holds the original.
    let places = view.surface.importablePaths(of: symbol.path).filter { path in
      guard path != dependency.target, !patchedPaths.contains(path) else { return false }
      guard let dot = path.lastDot else { return false }
      return view.surface.definitions[String(path[..<dot])]?.kind == .module
    }
    guard !places.isEmpty else { return [] }
    let details = places.map { path in
      let location = view.surface.definitions[path]?.location ?? view.surface.aliases[path]?.location
      return location.map { "`\(path)` (\($0.file):\($0.line))" } ?? "`\(path)`"
    }
    var missed: [String] = []
    if places.contains(symbol.path) { missed.append("the defining module") }
    let others = places.count - missed.count
    if others > 0 { missed.append("\(others) other module(s) importing it directly") }
    return [make(
      .patchOnReexport,
      "`\(dependency.target)` is a re-export of `\(symbol.path)`; the patch misses \(missed.joined(separator: " and "))",
      symbol.location, details, nil)]
  }

  private func signature(_ dependency: Dependency, _ symbol: Symbol, _ make: Make) -> [ImpactFinding] {
    guard symbol.kind == .function || symbol.kind == .method, let params = symbol.params else { return [] }
    let current = SignatureText.render(params)
    if let recorded = dependency.recordedSignature, recorded == current { return [] }
    guard let replacement = dependency.replacementParams ?? dependency.recordedSignature.flatMap(SignatureText.parse)
    else { return [] }
    let problems = SignatureCompatibility.problems(upstream: params, replacement: replacement)
    guard !problems.isEmpty else { return [] }
    let replacementText = SignatureText.render(replacement)
    return [make(
      .signatureMismatch,
      "upstream `\(dependency.target)\(current)` does not fit the replacement `\(replacementText)`",
      symbol.location, problems, nil)]
  }

  private func body(_ dependency: Dependency, _ symbol: Symbol, _ make: Make) -> [ImpactFinding] {
    guard let recorded = dependency.recordedBodyHash, let current = symbol.bodyHash, recorded != current else { return [] }
    return [make(.bodyChanged, "the body of `\(dependency.target)` changed since it was verified", symbol.location, [], nil)]
  }

  private func subclass(_ dependency: Dependency, _ symbol: Symbol, _ make: Make) -> [ImpactFinding] {
    guard symbol.kind == .class else { return [] }
    var findings: [ImpactFinding] = []
    let defined = Set(dependency.overrides ?? [])
    let missing = view.abstractMethods(of: symbol)
      .filter { !defined.contains($0.key) && dependency.recordedAbstract?.contains($0.key) != true }
      .sorted { $0.key < $1.key }
    if !missing.isEmpty {
      findings.append(make(
        .abstractMethodAdded,
        "`\(dependency.target)` has abstract methods the plugin class does not define: \(missing.map { "`\($0.key)`" }.joined(separator: ", "))",
        symbol.location, missing.map { "`\($0.key)` (\($0.value.file):\($0.value.line))" }, nil))
    }
    var changed: [String] = []
    var first: SourceLocation?
    for (name, recorded) in (dependency.recordedOverrides ?? [:]).sorted(by: { $0.key < $1.key }) {
      guard let method = view.member(name, of: symbol), let params = method.params else { continue }
      let current = SignatureText.render(params)
      guard current != recorded else { continue }
      changed.append("`\(name)`: `\(recorded)` → `\(current)` (\(method.file):\(method.line))")
      first = first ?? method.location
    }
    if !changed.isEmpty {
      findings.append(make(
        .overrideSignatureChanged, "methods the plugin class overrides changed signature in `\(dependency.target)`",
        first, changed, nil))
    }
    return findings
  }

  private func call(_ dependency: Dependency, _ symbol: Symbol, _ make: Make) -> [ImpactFinding] {
    guard let arguments = dependency.arguments, let params = view.callParameters(of: symbol) else { return [] }
    if let recorded = dependency.recordedSignature, recorded == SignatureText.render(params) { return [] }
    let problems = CallBinding.problems(arguments, params: params)
    guard !problems.isEmpty else { return [] }
    return [make(
      .callArgumentsMismatch, "the call no longer binds to `\(dependency.target)\(SignatureText.render(params))`",
      symbol.location, problems, nil)]
  }
}
