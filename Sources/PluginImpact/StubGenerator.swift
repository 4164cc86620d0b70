import AdapterManifests
import APIDiff
import APIModel

/// `vmsync stub`: the next revision's manifest from the previous one, and Python stubs of
/// what the plugin must now provide.
public struct StubGenerator: Sendable {
  /// The two releases and the moves between them.
  public let analysis: ImpactAnalysis

  /// Creates a generator for one upgrade.
  public init(analysis: ImpactAnalysis) {
    self.analysis = analysis
  }

  /// The result of one run.
  public struct Output: Sendable {
    /// The new revision's own file (`inherits:` the older revision).
    public var manifest: PatchesManifestV1
    /// The findings that changed entries.
    public var findings: [ImpactFinding]
    /// The Python stub module; empty when nothing needs a stub.
    public var python: String
  }

  /// Builds the new revision's file.
  /// - Parameters:
  ///   - manifest: The older revision's merged manifest.
  ///   - existing: The newer revision's current file, if any: its hand edits (status, note,
  ///     entries of its own) are kept.
  public func generate(from manifest: PatchesManifestV1, existing: PatchesManifestV1?) -> Output {
    let to = analysis.to
    let patched = Set(manifest.entries.filter { $0.kind == .replace || $0.kind == .wrap }.map(\.upstream))
    let checker = DependencyChecker(view: to, previous: analysis.from, moves: analysis.moves, patchedPaths: patched)
    var generated: [PatchEntry.Key: PatchEntry] = [:]
    var allFindings: [ImpactFinding] = []
    var stubs = PythonStubWriter(from: analysis.from.release, to: to.release)
    let keys = Set(manifest.entries.map(\.key))
    for entry in manifest.entries {
      var findings = checker.check(entry.dependency).sorted(by: ImpactFinding.reportOrder)
      // States the entry already records are no news: such an entry stays inherited.
      guard findings.contains(where: { !entry.records($0) }) else { continue }
      var updated = entry.recorded
      if let moved = findings.first(where: { $0.finding.category != .drift && $0.suggestedTarget != nil }),
         let target = moved.suggestedTarget,
         // Two paths moving onto one entry's key: the second stays where it was, for a person.
         case let key = PatchEntry.Key(kind: entry.kind, upstream: target, plugin: entry.plugin ?? ""),
         !keys.contains(key), generated[key] == nil {
        updated.movedFrom = entry.upstream
        updated.upstream = target
        // What the entry meets at its new place is recorded too.
        findings += checker.check(updated.dependency).filter { fresh in !findings.contains { $0.finding == fresh.finding } }
      }
      allFindings += findings
      updated.status = .needsReview
      updated.findings = findings.map(\.recordedText)
      generated[updated.key] = updated
      for finding in findings where !entry.records(finding) { stubs.add(finding, entry: entry, view: to) }
    }
    var entries = generated
    for old in existing?.entries ?? [] {
      if var fresh = entries[old.key] {
        fresh.status = old.status
        fresh.note = old.note ?? fresh.note
        entries[old.key] = fresh
      } else {
        entries[old.key] = old.recorded
      }
    }
    let file = PatchesManifestV1(
      revision: to.release, inherits: analysis.from.release, package: existing?.package ?? manifest.package,
      entries: Array(entries.values))
    return Output(manifest: file, findings: allFindings.sorted(by: ImpactFinding.reportOrder), python: stubs.render())
  }
}
