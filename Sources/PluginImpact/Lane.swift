import GitReleases
import PluginScan

/// Version gates: which upstream releases a lane admits.
public enum Lane {
  /// Whether every constraint holds for the release (a tag such as `v0.9.1`); a release or
  /// constraint that is not a version admits.
  public static func admits(_ lane: [VersionConstraint]?, release: String) -> Bool {
    guard let lane, !lane.isEmpty else { return true }
    let tag = release.hasPrefix("v") ? release.dropFirst() : Substring(release)
    guard let version = ReleaseVersion(tag) else { return true }
    return lane.allSatisfy { constraint in
      guard let bound = ReleaseVersion(constraint.version) else { return true }
      switch constraint.op {
      case "==": return version == bound
      case "!=": return version != bound
      case "<": return version < bound
      case "<=": return version <= bound
      case ">": return version > bound
      case ">=": return version >= bound
      default: return true
      }
    }
  }
}
