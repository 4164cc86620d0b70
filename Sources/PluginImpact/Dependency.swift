import APIModel
import PluginScan

/// One plugin dependency to check at a release, from a manifest entry or a scanned reference,
/// with what was recorded about the target when it was last known good.
public struct Dependency: Hashable, Sendable {
  /// How the plugin depends on the target.
  public var kind: ReferenceKind
  /// The dotted upstream path as the plugin wrote it.
  public var target: String
  /// The plugin's replacement, subclass, importing module or caller.
  public var pluginSymbol: String?
  /// Where in the plugin.
  public var location: SourceLocation?
  /// Version gates; the dependency is checked only at releases they admit.
  public var lane: [VersionConstraint]?
  /// Under `if TYPE_CHECKING:` in the plugin: never checked.
  public var isTypeCheckingOnly: Bool
  /// Calls: the arguments passed.
  public var arguments: CallArguments?
  /// Subclasses: the methods the plugin class defines.
  public var overrides: [String]?
  /// The target's parameters when last known good, as source text.
  public var recordedSignature: String?
  /// The target's body fingerprint when last known good.
  public var recordedBodyHash: String?
  /// Subclasses: per overridden method, the base's signature when last known good.
  public var recordedOverrides: [String: String]?
  /// Subclasses: the base's abstract methods when last known good; nil when unknown.
  public var recordedAbstract: Set<String>?
  /// The replacement's parameters, parsed from the plugin's source.
  public var replacementParams: [Parameter]?

  /// Creates a dependency; everything recorded is optional.
  public init(
    kind: ReferenceKind, target: String, pluginSymbol: String? = nil, location: SourceLocation? = nil,
    lane: [VersionConstraint]? = nil, isTypeCheckingOnly: Bool = false, arguments: CallArguments? = nil,
    overrides: [String]? = nil, recordedSignature: String? = nil, recordedBodyHash: String? = nil,
    recordedOverrides: [String: String]? = nil, recordedAbstract: Set<String>? = nil,
    replacementParams: [Parameter]? = nil
  ) {
    self.kind = kind
    self.target = target
    self.pluginSymbol = pluginSymbol
    self.location = location
    self.lane = lane
    self.isTypeCheckingOnly = isTypeCheckingOnly
    self.arguments = arguments
    self.overrides = overrides
    self.recordedSignature = recordedSignature
    self.recordedBodyHash = recordedBodyHash
    self.recordedOverrides = recordedOverrides
    self.recordedAbstract = recordedAbstract
    self.replacementParams = replacementParams
  }

  /// A scanned reference, with nothing recorded yet.
  public init(_ reference: PluginReference) {
    self.init(
      kind: reference.kind, target: reference.target, pluginSymbol: reference.pluginSymbol,
      location: reference.location, lane: reference.lane, isTypeCheckingOnly: reference.isTypeCheckingOnly ?? false,
      arguments: reference.arguments, overrides: reference.overrides)
  }
}
