import Foundation
import PluginImpact
import PluginScan

/// `impact`: what upgrading from the plugin's revision to each tracked upstream breaks in the
/// plugin's source. One unit per plugin file.
public struct ImpactCheck: GateCheck {
  public let name = "impact"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    let scan = try context.scan(for: name)
    let counts = Dictionary(grouping: scan.references, by: \.location.file).mapValues(\.count)
    let files = counts.keys.sorted().filter { context.configuration.scope.keeps(file: $0) }
    return context.configuration.upstreams.flatMap { upstream in
      files.map { WorkUnit(check: name, name: $0, upstream: upstream, cost: 1 + counts[$0]!) }
    }
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    let scan = try context.scan(for: name)
    let plugin = PluginSource(root: try context.pluginRoot(for: name))
    let old = try context.snapshot(context.configuration.from, for: name)
    var findings: [GateFinding] = []
    for (upstream, files) in units.byUpstream(context.configuration.upstreams) {
      var part = scan
      part.references.removeAll { !files.contains($0.location.file) }
      let report = ImpactAnalysis(from: old, to: try context.snapshot(upstream, for: name)).run(part, plugin: plugin)
      findings += report.findings.map { GateFinding(name, $0, upstream: upstream) }
    }
    return findings
  }

  public func help(rule: String) -> String {
    FindingKind(rawValue: String(rule.dropFirst(name.count + 1))).map { "The plugin's dependency broke: \($0.summary)." }
      ?? rule
  }
}

extension GateFinding {
  /// A plugin finding of `impact` or `adapters`; its subject is the plugin file.
  init(_ check: String, _ finding: ImpactFinding, upstream: String) {
    let subject = finding.plugin?.file ?? "manifest"
    let symbol = finding.pluginSymbol.map { " \($0)" } ?? ""
    self.init(
      check: check, subject: subject, finding: "\(finding.finding.rawValue) \(finding.target)\(symbol)",
      rule: "\(check)/\(finding.finding.rawValue)", class: GateClass(finding), message: finding.message,
      target: finding.target, file: finding.plugin?.file, line: finding.plugin?.line, upstreams: [upstream])
  }
}

extension GateClass {
  /// The class of a plugin finding.
  init(_ finding: ImpactFinding) {
    switch finding.finding {
    case .importRemoved, .moduleRemoved, .subclassBaseRemoved, .wrapTargetRemoved, .callTargetRemoved,
      .patchTargetRemoved:
      self = finding.suggestedTarget == nil ? .removed : .moved
    case .importTypeCheckingOnly, .patchOnReexport: self = .export
    case .callArgumentsMismatch, .signatureMismatch, .abstractMethodAdded, .overrideSignatureChanged: self = .signature
    case .bodyChanged: self = .body
    }
  }
}
