/// When a finding bites, in report order: first what fails when the plugin is imported or the
/// code runs, then what silently stops working, then drift to review.
public enum FindingCategory: String, Sendable, Codable, CaseIterable, Comparable {
  /// Fails at import time or at the call.
  case fails
  /// Keeps running but no longer does what it should.
  case silent
  /// Still works; upstream changed under it.
  case drift

  public static func < (a: FindingCategory, b: FindingCategory) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// How serious a finding is: errors fail `adapters check`.
public enum FindingSeverity: String, Sendable, Codable, CaseIterable {
  case error, warning, note
}

/// Every finding the plugin check reports; the raw value is the stable id.
public enum FindingKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// An imported upstream name no longer exists.
  case importRemoved = "import_removed"
  /// An imported name exists upstream only under `if TYPE_CHECKING:`.
  case importTypeCheckingOnly = "import_type_checking_only"
  /// A module the plugin replaces (or imports from) no longer exists.
  case moduleRemoved = "module_removed"
  /// The base class of a plugin subclass no longer exists.
  case subclassBaseRemoved = "subclass_base_removed"
  /// The original a wrapper reads no longer exists.
  case wrapTargetRemoved = "wrap_target_removed"
  /// A called function or class no longer exists.
  case callTargetRemoved = "call_target_removed"
  /// A call's arguments no longer bind to the target's signature.
  case callArgumentsMismatch = "call_arguments_mismatch"
  /// A patched name no longer exists upstream: the assignment just creates it.
  case patchTargetRemoved = "patch_target_removed"
  /// A patch on a module attribute that is only a re-export misses the defining module.
  case patchOnReexport = "patch_on_reexport"
  /// The replacement's signature does not accept what upstream callers pass.
  case signatureMismatch = "signature_mismatch"
  /// The base class of a plugin subclass gained abstract methods the subclass lacks.
  case abstractMethodAdded = "abstract_method_added"
  /// A base method the plugin class overrides changed its signature.
  case overrideSignatureChanged = "override_signature_changed"
  /// The upstream body changed since the entry was verified.
  case bodyChanged = "body_changed"

  /// When the finding bites.
  public var category: FindingCategory {
    switch self {
    case .importRemoved, .importTypeCheckingOnly, .moduleRemoved, .subclassBaseRemoved, .wrapTargetRemoved,
      .callTargetRemoved, .callArgumentsMismatch:
      .fails
    case .patchTargetRemoved, .patchOnReexport, .signatureMismatch, .abstractMethodAdded, .overrideSignatureChanged:
      .silent
    case .bodyChanged: .drift
    }
  }

  /// Errors, except drift, which is a warning.
  public var severity: FindingSeverity { category == .drift ? .warning : .error }

  /// One line for summary tables.
  public var summary: String {
    switch self {
    case .importRemoved: "imported name gone"
    case .importTypeCheckingOnly: "imported name exists only under TYPE_CHECKING"
    case .moduleRemoved: "module gone"
    case .subclassBaseRemoved: "subclassed base gone"
    case .wrapTargetRemoved: "wrapped original gone"
    case .callTargetRemoved: "called function gone"
    case .callArgumentsMismatch: "call arguments no longer bind"
    case .patchTargetRemoved: "patched name gone (the assignment creates it)"
    case .patchOnReexport: "patch on a re-export misses the definition"
    case .signatureMismatch: "replacement signature incompatible"
    case .abstractMethodAdded: "base gained abstract methods"
    case .overrideSignatureChanged: "overridden method changed signature"
    case .bodyChanged: "upstream body changed"
    }
  }

  /// Report order: by category, then declaration order.
  public static func < (a: FindingKind, b: FindingKind) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
