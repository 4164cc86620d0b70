import AdapterManifests
import PluginImpact

/// `adapters`: the committed manifest of the plugin's revision (with inherited entries) against
/// each tracked upstream. Needs no plugin tree. One unit per plugin file the entries name.
public struct AdaptersCheck: GateCheck {
  public let name = "adapters"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    let manifest = try self.manifest(context)
    let counts = Dictionary(grouping: manifest.entries, by: Self.unit).mapValues(\.count)
    let files = counts.keys.sorted().filter { context.configuration.scope.keeps(file: $0) }
    return context.configuration.upstreams.flatMap { upstream in
      files.map { WorkUnit(check: name, name: $0, upstream: upstream, cost: 1 + counts[$0]!) }
    }
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    let manifest = try self.manifest(context)
    var findings: [GateFinding] = []
    for (upstream, files) in units.byUpstream(context.configuration.upstreams) {
      var part = manifest
      part.entries.removeAll { !files.contains(Self.unit($0)) }
      let view = UpstreamView(try context.snapshot(upstream, for: name))
      findings += ManifestCheck.check(part, against: view).findings
        .filter { $0.severity != .note }
        .map { GateFinding(name, $0, upstream: upstream) }
    }
    return findings
  }

  public func help(rule: String) -> String {
    FindingKind(rawValue: String(rule.dropFirst(name.count + 1)))
      .map { "A recorded dependency no longer holds: \($0.summary)." } ?? rule
  }

  /// The plugin file of an entry, as the findings of its check name it.
  private static func unit(_ entry: PatchEntry) -> String { entry.at?.file ?? "manifest" }

  private func manifest(_ context: GateContext) throws(GateError) -> PatchesManifestV1 {
    let adapters = try context.adapters(for: name)
    do {
      return try PatchesManifestLoader(directory: adapters.path).load(revision: context.configuration.from)
    } catch {
      throw .check(name, reason: "\(error)")
    }
  }
}
