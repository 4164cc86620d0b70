import AdapterManifests
import APIModel

/// What upgrading upstream from one release to another does to the plugin.
public struct ImpactReport: Sendable {
  /// The release the plugin works with.
  public var from: String
  /// The release upgraded to.
  public var to: String
  /// The plugin's package.
  public var package: String
  /// The references checked (lanes admitting the target release, run-time only).
  public var checked: Int
  /// Findings at `to` that did not exist at `from`, in report order.
  public var findings: [ImpactFinding]

  /// Creates a report; findings are put in report order.
  public init(from: String, to: String, package: String, checked: Int, findings: [ImpactFinding]) {
    self.from = from
    self.to = to
    self.package = package
    self.checked = checked
    self.findings = findings.sorted(by: ImpactFinding.reportOrder)
  }

  /// The number of findings of each kind.
  public var counts: [FindingKind: Int] {
    findings.reduce(into: [:]) { $0[$1.finding, default: 0] += 1 }
  }

  /// Whether any finding is an error.
  public var hasErrors: Bool { findings.contains { $0.severity == .error } }

  /// The report with the findings a manifest records as known states (the target release's,
  /// once reviewed) lowered to `note`.
  public func applyingRecordedStates(of manifest: PatchesManifestV1) -> ImpactReport {
    var entries: [PatchEntry.Key: PatchEntry] = [:]
    for entry in manifest.entries {
      entries[entry.key] = entry
      if let old = entry.movedFrom { entries[PatchEntry.Key(kind: entry.kind, upstream: old, plugin: entry.plugin ?? "")] = entry }
    }
    var copy = self
    for index in copy.findings.indices {
      let finding = copy.findings[index]
      guard let kind = PatchEntry.Kind(finding.kind),
            let entry = entries[PatchEntry.Key(kind: kind, upstream: finding.target, plugin: finding.pluginSymbol ?? "")],
            entry.records(finding)
      else { continue }
      copy.findings[index].severity = .note
    }
    return copy
  }
}
