import APIDiff
import APIModel
import PluginScan

/// `vmsync plugin impact`: the plugin's scanned references checked at the newer release,
/// against what they were at the older one.
public struct ImpactAnalysis: Sendable {
  /// The release the plugin works with.
  public let from: UpstreamView
  /// The release to upgrade to.
  public let to: UpstreamView
  /// Old path → new path of every move between the two releases.
  public let moves: [String: String]

  /// Resolves both releases (in parallel) and the moves between them.
  public init(from: Snapshot, to: Snapshot) {
    let views = parallelMap(2) { UpstreamView($0 == 0 ? from : to) }
    self.from = views[0]
    self.to = views[1]
    self.moves = APIDiff.moves(from: views[0].surface, to: views[1].surface)
  }

  /// The findings that upgrading brings.
  /// - Parameters:
  ///   - scan: The plugin's references.
  ///   - plugin: The plugin's sources, for the replacements' signatures.
  ///   - definitions: The upstream repository, to attach the body changes as unified diffs.
  public func run(_ scan: PluginScanResult, plugin: PluginSource?, definitions: DefinitionSource? = nil) -> ImpactReport {
    let references = scan.references.filter { $0.isTypeCheckingOnly != true }
    let patched = Set(references.filter { $0.kind == .replace || $0.kind == .wrap }.map(\.target))
    let before = DependencyChecker(view: from, patchedPaths: patched)
    let after = DependencyChecker(view: to, previous: from, moves: moves, patchedPaths: patched)
    let builder = ManifestBuilder(view: from, plugin: plugin)
    let admitted = references.filter { Lane.admits($0.lane, release: to.release) }
    // References are checked independently: in chunks, on every core.
    let chunkSize = 64
    let chunks = parallelMap((admitted.count + chunkSize - 1) / chunkSize) { chunk in
      var findings: Set<ImpactFinding> = []
      for reference in admitted[(chunk * chunkSize)..<min(admitted.count, (chunk + 1) * chunkSize)] {
        var dependency = Dependency(reference)
        dependency.replacementParams = builder.replacement(for: reference)
        var known: Set<FindingKind> = []
        if Lane.admits(reference.lane, release: from.release) {
          known = Set(before.check(dependency).map(\.finding))
          record(baselineOf: &dependency)
        }
        for var finding in after.check(dependency) where !known.contains(finding.finding) {
          if finding.finding == .bodyChanged, let definitions { finding.diff = diff(of: reference.target, definitions) }
          findings.insert(finding)
        }
      }
      return findings
    }
    let findings = chunks.reduce(into: Set<ImpactFinding>()) { $0.formUnion($1) }
    let checked = admitted.count
    return ImpactReport(from: from.release, to: to.release, package: scan.package, checked: checked, findings: Array(findings))
  }

  /// Records what the target was at the older release, as a manifest entry would.
  private func record(baselineOf dependency: inout Dependency) {
    guard let symbol = from.lookup(dependency.target) else { return }
    if dependency.kind == .call {
      dependency.recordedSignature = from.callParameters(of: symbol).map(SignatureText.render)
    } else {
      dependency.recordedSignature = symbol.params.map(SignatureText.render)
    }
    dependency.recordedBodyHash = symbol.bodyHash
    if dependency.kind == .subclass, symbol.kind == .class {
      var overrides: [String: String] = [:]
      for name in dependency.overrides ?? [] {
        if let params = from.member(name, of: symbol)?.params { overrides[name] = SignatureText.render(params) }
      }
      dependency.recordedOverrides = overrides
      dependency.recordedAbstract = Set(from.abstractMethods(of: symbol).keys)
    }
  }

  /// The upstream change of a definition between the two releases, or nil when unreadable.
  public func diff(of target: String, _ definitions: DefinitionSource) -> String? {
    guard let old = from.lookup(target), let new = to.lookup(target),
          let before = try? definitions.definition(of: old, at: from.release),
          let after = try? definitions.definition(of: new, at: to.release)
    else { return nil }
    let text = UnifiedDiff.render(
      old: before.lines, new: after.lines, oldName: "\(from.release)/\(old.file)", newName: "\(to.release)/\(new.file)",
      oldStart: before.start, newStart: after.start)
    return text.isEmpty ? nil : text
  }
}
