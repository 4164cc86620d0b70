import APIDiff
import APIModel

/// `diff`: the breaking changes of the public upstream API from the plugin's revision to each
/// tracked upstream. One unit per upstream package (`vllm.config`).
public struct DiffCheck: GateCheck {
  public let name = "diff"

  public init() {}

  public func units(in context: GateContext) throws(GateError) -> [WorkUnit] {
    let counts = try packages(context)
    return context.configuration.upstreams.flatMap { upstream in
      counts.keys.sorted().map { WorkUnit(check: name, name: $0, upstream: upstream, cost: 1 + counts[$0]! / 20) }
    }
  }

  public func run(_ units: [WorkUnit], in context: GateContext) throws(GateError) -> [GateFinding] {
    let old = try context.snapshot(context.configuration.from, for: name)
    let packages = Set(try self.packages(context).keys)
    let options = DiffOptions(includePrivate: false, breakingOnly: true, includeBody: false)
    var findings: [GateFinding] = []
    for (upstream, names) in units.byUpstream(context.configuration.upstreams) {
      let report = diffSnapshots(old, try context.snapshot(upstream, for: name), options: options)
      for change in report.changes {
        let subject = Self.subject(of: change.path, in: packages)
        guard names.contains(subject) else { continue }
        let moved = change.newPath.map { " -> \($0)" } ?? ""
        findings.append(GateFinding(
          check: name, subject: subject, finding: "\(change.rule) \(change.path)\(moved)", rule: "diff/\(change.rule)",
          class: GateClass(rawValue: change.change.rawValue) ?? .removed, message: change.summary,
          target: change.path, file: change.old?.file, line: change.old?.line, upstreams: [upstream]))
      }
    }
    return findings
  }

  public func help(rule: String) -> String {
    let id = String(rule.dropFirst(name.count + 1))
    return RuleRegistry.metadata.first { $0.id == id }.map { "\($0.summary). \($0.rationale)" } ?? rule
  }

  /// The public symbols of each package of the plugin's revision.
  private func packages(_ context: GateContext) throws(GateError) -> [String: Int] {
    let snapshot = try context.snapshot(context.configuration.from, for: name)
    var counts: [String: Int] = [:]
    for module in snapshot.modules where SymbolPath.isPublicPath(module.module) {
      counts[Self.package(of: module.module), default: 0] += module.symbols.count
    }
    return counts
  }

  /// The first two components of a module path: `vllm.config`.
  static func package(of module: String) -> String {
    module.split(separator: ".").prefix(2).joined(separator: ".")
  }

  /// The package a symbol path belongs to: its two-component prefix when that is one of
  /// `packages`, else its top component.
  static func subject(of path: String, in packages: Set<String>) -> String {
    let two = package(of: path)
    return packages.contains(two) ? two : String(path.prefix { $0 != "." })
  }
}
