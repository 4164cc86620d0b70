import APIModel
import Foundation

/// Renders an impact report as `vmsync.impact/1` JSON (see docs/report-schema.md): keys
/// sorted, absent values written as `null`.
public struct ImpactJSONReporter: Sendable {
  /// The schema name.
  public static let schema = "vmsync.impact/1"

  public init() {}

  /// The JSON document, indented, ending in a newline.
  public func render(_ report: ImpactReport) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(ReportJSON(report)) else { return "{}" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

private struct ReportJSON: Encodable {
  let report: ImpactReport
  init(_ report: ImpactReport) { self.report = report }

  enum Keys: String, CodingKey { case schema, from, to, package, checked, summary, findings }
  enum SummaryKeys: String, CodingKey { case total, errors, byFinding = "by_finding" }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(ImpactJSONReporter.schema, forKey: .schema)
    try container.encode(report.from, forKey: .from)
    try container.encode(report.to, forKey: .to)
    try container.encode(report.package, forKey: .package)
    try container.encode(report.checked, forKey: .checked)
    var summary = container.nestedContainer(keyedBy: SummaryKeys.self, forKey: .summary)
    try summary.encode(report.findings.count, forKey: .total)
    try summary.encode(report.findings.filter { $0.severity == .error }.count, forKey: .errors)
    try summary.encode(Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) }), forKey: .byFinding)
    try container.encode(report.findings.map(FindingJSON.init), forKey: .findings)
  }
}

/// One finding as JSON; shared with `vmsync adapters check --format json`.
struct FindingJSON: Encodable {
  let finding: ImpactFinding

  enum Keys: String, CodingKey {
    case finding, severity, category, target, kind, message, details, diff, plugin, upstream
    case suggestedTarget = "suggested_target"
    case pluginSymbol = "plugin_symbol"
  }
  enum LocationKeys: String, CodingKey { case file, line }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(finding.finding.rawValue, forKey: .finding)
    try container.encode(finding.severity.rawValue, forKey: .severity)
    try container.encode(finding.finding.category.rawValue, forKey: .category)
    try container.encode(finding.target, forKey: .target)
    try container.encode(finding.suggestedTarget, forKey: .suggestedTarget)
    try container.encode(finding.kind.rawValue, forKey: .kind)
    try container.encode(finding.pluginSymbol, forKey: .pluginSymbol)
    try container.encode(finding.message, forKey: .message)
    try container.encode(finding.details, forKey: .details)
    try container.encode(finding.diff, forKey: .diff)
    for (key, location) in [(Keys.plugin, finding.plugin), (Keys.upstream, finding.upstream)] {
      if let location {
        var nested = container.nestedContainer(keyedBy: LocationKeys.self, forKey: key)
        try nested.encode(location.file, forKey: .file)
        try nested.encode(location.line, forKey: .line)
      } else {
        try container.encodeNil(forKey: key)
      }
    }
  }
}
