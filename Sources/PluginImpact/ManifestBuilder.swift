import AdapterManifests
import APIModel
import PluginScan

/// Turns a scan into a revision's `patches.yaml` entries: each dependency with the upstream
/// signature and fingerprint of that revision, verified when it checks clean, else
/// `needs-review` with its findings.
///
/// Calls are not recorded: they are many, change with every edit of the plugin and carry
/// nothing a person reviews; `vmsync plugin impact` checks them from a fresh scan.
public struct ManifestBuilder: Sendable {
  /// The revision entries are recorded and verified against.
  public let view: UpstreamView
  /// The plugin's sources, for the replacements' signatures.
  public let plugin: PluginSource?

  /// Creates a builder for one revision.
  public init(view: UpstreamView, plugin: PluginSource?) {
    self.view = view
    self.plugin = plugin
  }

  /// The manifest of a scan.
  /// - Parameters:
  ///   - scan: The plugin's references.
  ///   - existing: The revision's current file: its statuses and notes are kept where the
  ///     recorded findings are unchanged, and its notes always.
  /// - Returns: The file to write (no `inherits`).
  public func build(_ scan: PluginScanResult, existing: PatchesManifestV1? = nil) -> PatchesManifestV1 {
    var entries: [PatchEntry.Key: (entry: PatchEntry, reference: PluginReference)] = [:]
    for reference in scan.references where reference.isTypeCheckingOnly != true {
      guard let entry = self.entry(reference) else { continue }
      if let known = entries[entry.key], (known.entry.at?.file ?? "", known.entry.at?.line ?? 0)
        <= (entry.at?.file ?? "", entry.at?.line ?? 0) { continue }
      entries[entry.key] = (entry, reference)
    }
    let patched = Set(entries.values.filter { $0.entry.kind == .replace || $0.entry.kind == .wrap }.map(\.entry.upstream))
    let checker = DependencyChecker(view: view, patchedPaths: patched)
    let previous = Dictionary((existing?.entries ?? []).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var result: [PatchEntry] = []
    for (entry, reference) in entries.values {
      var entry = entry
      // Checked as found, not against the values just recorded from this same revision.
      var dependency = Dependency(reference)
      dependency.replacementParams = replacement(for: reference)
      let findings = checker.check(dependency)
      entry.findings = findings.sorted(by: ImpactFinding.reportOrder).map(\.recordedText)
      entry.status = findings.isEmpty ? .verified : .needsReview
      if let old = previous[entry.key] {
        entry.note = old.note
        if old.findingIDs == entry.findingIDs { entry.status = old.status }
      }
      result.append(entry)
    }
    return PatchesManifestV1(revision: view.release, package: scan.package, entries: result)
  }

  func replacement(for reference: PluginReference) -> [Parameter]? {
    guard reference.kind == .replace || reference.kind == .wrap, let symbol = reference.pluginSymbol else { return nil }
    return plugin?.parameters(of: symbol, foundIn: reference.location.file)
  }

  /// The entry recording a reference; nil for calls.
  private func entry(_ reference: PluginReference) -> PatchEntry? {
    guard let kind = PatchEntry.Kind(reference.kind) else { return nil }
    let symbol = view.lookup(reference.target)
    var replaces: PatchEntry.Replaced?
    if reference.kind == .module {
      replaces = .module
    } else if kind == .replace {
      replaces = symbol.map { PatchEntry.Replaced(symbol: $0) } ?? .attribute
    }
    var signature: String?
    var bodyHash: String?
    var overrides: [PatchEntry.Override]?
    if let symbol {
      if kind == .replace || kind == .wrap {
        signature = symbol.params.map(SignatureText.render)
        bodyHash = symbol.bodyHash
      }
      if kind == .subclass, symbol.kind == .class {
        overrides = (reference.overrides ?? []).map { name in
          .init(name: name, signature: view.member(name, of: symbol)?.params.map(SignatureText.render))
        }.sorted { $0.name < $1.name }
      }
    }
    if kind == .subclass, overrides == nil { overrides = (reference.overrides ?? []).sorted().map { .init(name: $0, signature: nil) } }
    return PatchEntry(
      kind: kind, replaces: replaces, upstream: reference.target, plugin: reference.pluginSymbol,
      at: SourceLocation(file: reference.location.file, line: reference.location.line),
      lane: reference.lane.map { $0.map(\.description) }, signature: signature, bodyHash: bodyHash,
      overrides: overrides)
  }
}

extension PatchEntry.Kind {
  /// The entry kind recording a reference kind; nil for calls, which are not recorded.
  init?(_ kind: ReferenceKind) {
    switch kind {
    case .replace, .module: self = .replace
    case .wrap: self = .wrap
    case .subclass: self = .subclass
    case .import: self = .import
    case .call: return nil
    }
  }
}

extension PatchEntry.Replaced {
  /// What a replacement of this upstream symbol replaces.
  init(symbol: Symbol) {
    switch symbol.kind {
    case .module: self = .module
    case .class: self = .class
    case .function: self = .function
    case .method: self = .method
    case .attribute, .alias: self = .attribute
    }
  }
}
