import AdapterManifests
import APIModel
import PluginScan

extension PatchEntry {
  /// The entry as a dependency to check, with its recorded signature, fingerprint and overrides.
  public var dependency: Dependency {
    let referenceKind: ReferenceKind
    switch kind {
    case .replace: referenceKind = replaces == .module ? .module : .replace
    case .wrap: referenceKind = .wrap
    case .subclass: referenceKind = .subclass
    case .import: referenceKind = .import
    }
    var recordedOverrides: [String: String] = [:]
    for item in overrides ?? [] { recordedOverrides[item.name] = item.signature }
    return Dependency(
      kind: referenceKind, target: upstream, pluginSymbol: plugin, location: at,
      lane: lane?.compactMap { LaneText.parse($0).map { VersionConstraint(op: $0.op, version: $0.version) } },
      overrides: overrides?.map(\.name), recordedSignature: signature, recordedBodyHash: bodyHash,
      recordedOverrides: kind == .subclass ? recordedOverrides : nil)
  }

  /// Whether a finding is a state this entry records: everything for `broken`, the recorded
  /// finding ids for `needs-review`.
  public func records(_ finding: ImpactFinding) -> Bool {
    switch status {
    case .verified: false
    case .broken: true
    case .needsReview: findingIDs.contains(finding.finding.rawValue)
    }
  }
}
