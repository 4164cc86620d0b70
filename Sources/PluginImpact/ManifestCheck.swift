import AdapterManifests
import APIModel

/// `vmsync adapters check`: a revision's manifest (with inherited entries) against that
/// revision's upstream surface.
public enum ManifestCheck {
  /// Checks every entry whose lane admits the revision; recorded states become notes.
  public static func check(_ manifest: PatchesManifestV1, against view: UpstreamView) -> CheckReport {
    let patched = Set(manifest.entries.filter { $0.kind == .replace || $0.kind == .wrap }.map(\.upstream))
    let checker = DependencyChecker(view: view, patchedPaths: patched)
    var findings: [ImpactFinding] = []
    var checked = 0
    for entry in manifest.entries {
      let dependency = entry.dependency
      guard Lane.admits(dependency.lane, release: view.release) else { continue }
      checked += 1
      for var finding in checker.check(dependency) {
        if entry.records(finding) { finding.severity = .note }
        findings.append(finding)
      }
    }
    return CheckReport(revision: view.release, checked: checked, findings: findings.sorted(by: ImpactFinding.reportOrder))
  }
}
