import Foundation
import Frontend

/// The files a gate run writes, each whole or not at all.
public struct GateOutputs: Sendable {
  public var junit: String?
  public var sarif: String?
  public var json: String?
  public var summary: String?

  public init(junit: String? = nil, sarif: String? = nil, json: String? = nil, summary: String? = nil) {
    self.junit = junit
    self.sarif = sarif
    self.json = json
    self.summary = summary
  }

  /// Writes every requested file.
  public func write(_ document: GateDocument) throws(CommandError) {
    if let json { try Output.writeAtomically(document.encoded(), to: URL(fileURLWithPath: json)) }
    if let junit { try Output.writeAtomically(Data(JUnitReport.render(document).utf8), to: URL(fileURLWithPath: junit)) }
    if let sarif { try Output.writeAtomically(Data(SARIFReport.render(document).utf8), to: URL(fileURLWithPath: sarif)) }
    if let summary {
      try Output.writeAtomically(Data(MarkdownSummary.render(document).utf8), to: URL(fileURLWithPath: summary))
    }
  }

  /// The line printed at the end of a run.
  public static func verdict(_ document: GateDocument) -> String {
    let c = document.counts
    return "vmsync gate \(document.passed ? "passed" : "FAILED")\(document.shard.map { " (shard \($0))" } ?? ""): "
      + "\(c.subjects) subjects, \(c.findings) findings: \(c.regressions) regressions, \(c.worse) worse, "
      + "\(c.reported) reported, \(c.baselined) baselined, \(c.allowed) allowed, \(c.fixed) fixed; "
      + "allowlist: \(c.expiredAllowances) expired, \(c.staleAllowances) stale"
  }

  /// Today in UTC as `YYYY-MM-DD`, for allowlist expiry.
  public static var today: String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.string(from: Date())
  }
}
