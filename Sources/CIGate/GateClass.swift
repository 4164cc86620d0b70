/// The class of a finding; `deny:` names the classes that fail the gate.
public enum GateClass: String, Codable, Sendable, CaseIterable, Comparable {
  /// A name the plugin uses (or a public upstream name) is gone.
  case removed
  /// A name moved; the new place is known.
  case moved
  /// A signature no longer accepts what is passed, or an override no longer matches.
  case signature
  /// A symbol changed kind (a function became a class).
  case kind
  /// A class lost a base.
  case bases
  /// A constant or default value changed.
  case value
  /// A name is no longer exported where the plugin reaches it.
  case export
  /// An upstream body changed under a patch.
  case body
  /// An op mapping no longer matches the upstream op numerically, or cannot run; a support
  /// matrix cell gets worse at a tracked upstream.
  case parity
  /// A committed generated file (a support matrix) differs from what vmsync generates now.
  case stale
  /// A support matrix cell gets better at a tracked upstream.
  case improved

  /// The classes that fail the gate when `deny:` is not given.
  public static let defaultDeny: [GateClass] = [.removed, .moved, .signature, .kind, .bases, .export, .parity, .stale]

  public static func < (a: GateClass, b: GateClass) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
