import APIModel
import PluginScan

/// One problem of one plugin dependency at an upstream release.
public struct ImpactFinding: Hashable, Sendable {
  /// What is wrong; its raw value is the stable id.
  public var finding: FindingKind
  /// `error` unless the dependency records this finding as a known state (then `note`), or drift.
  public var severity: FindingSeverity
  /// The dotted upstream path as the plugin wrote it.
  public var target: String
  /// Where the target went, when it moved.
  public var suggestedTarget: String?
  /// How the plugin depends on the target.
  public var kind: ReferenceKind
  /// The plugin's replacement, subclass, importer or caller.
  public var pluginSymbol: String?
  /// Where in the plugin.
  public var plugin: SourceLocation?
  /// The upstream definition concerned, at the checked release (at the older one when gone).
  public var upstream: SourceLocation?
  /// One sentence.
  public var message: String
  /// Items: missing parameters, abstract methods, modules the patch must also reach.
  public var details: [String]
  /// The upstream change as a unified diff, for body changes when the repository is at hand.
  public var diff: String?

  /// Creates a finding with the severity of its kind.
  public init(
    _ finding: FindingKind, target: String, suggestedTarget: String? = nil, kind: ReferenceKind,
    pluginSymbol: String?, plugin: SourceLocation?, upstream: SourceLocation?, message: String,
    details: [String] = [], diff: String? = nil
  ) {
    self.finding = finding
    self.severity = finding.severity
    self.target = target
    self.suggestedTarget = suggestedTarget
    self.kind = kind
    self.pluginSymbol = pluginSymbol
    self.plugin = plugin
    self.upstream = upstream
    self.message = message
    self.details = details
    self.diff = diff
  }

  /// The text recorded in a manifest entry's `finding:` list.
  public var recordedText: String { "\(finding.rawValue): \(message)" }

  /// Report order: category, finding, target, plugin location.
  public static func reportOrder(_ a: ImpactFinding, _ b: ImpactFinding) -> Bool {
    if a.finding != b.finding { return a.finding < b.finding }
    if a.target != b.target { return a.target < b.target }
    return (a.plugin?.file ?? "", a.plugin?.line ?? 0) < (b.plugin?.file ?? "", b.plugin?.line ?? 0)
  }
}
