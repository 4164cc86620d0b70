import Foundation

/// The SARIF 2.1.0 log of a gate document: one rule per finding kind (`impact/import_removed`)
/// with its help text, one result per finding at the plugin's file and line. Failing findings
/// are errors, reported ones warnings, baselined ones notes; allowlisted ones are suppressed.
public enum SARIFReport {
  public static func render(_ document: GateDocument) -> String {
    let ruleIDs = Array(Set(document.findings.map(\.rule))).sorted()
    let rules = ruleIDs.map { id in
      Rule(id: id, shortDescription: Text(text: id), help: Text(text: GateChecks.help(rule: id)))
    }
    let results = document.findings.map { finding in
      let status = finding.status ?? .reported
      let level = status.fails ? "error" : status == .reported ? "warning" : "note"
      let location = finding.file.map { file in
        [Location(physicalLocation: Physical(
          artifactLocation: Artifact(uri: file), region: Region(startLine: max(finding.line ?? 1, 1))))]
      }
      return Result(
        ruleId: finding.rule, ruleIndex: ruleIDs.firstIndex(of: finding.rule)!, level: level,
        message: Text(text: "\(finding.message) [\(status.rawValue)]"), locations: location ?? [],
        partialFingerprints: ["vmsyncKey/v1": finding.key],
        baselineState: status == .baselined || status == .allowed ? "unchanged" : status == .worse ? "updated" : "new",
        suppressions: status == .allowed ? [Suppression(kind: "external", status: "accepted")] : nil)
    }
    let log = Log(runs: [Run(tool: Tool(driver: Driver(name: "vmsync", semanticVersion: "1.0.0", rules: rules)), results: results)])
    return String(decoding: GateJSON.encode(log), as: UTF8.self)
  }

  private struct Log: Encodable {
    var version = "2.1.0"
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var runs: [Run]
    enum CodingKeys: String, CodingKey { case version, schema = "$schema", runs }
  }
  private struct Run: Encodable { var tool: Tool; var results: [Result] }
  private struct Tool: Encodable { var driver: Driver }
  private struct Driver: Encodable { var name: String; var semanticVersion: String; var rules: [Rule] }
  private struct Rule: Encodable { var id: String; var shortDescription: Text; var help: Text }
  private struct Text: Encodable { var text: String }
  private struct Result: Encodable {
    var ruleId: String
    var ruleIndex: Int
    var level: String
    var message: Text
    var locations: [Location]
    var partialFingerprints: [String: String]
    var baselineState: String
    var suppressions: [Suppression]?
  }
  private struct Location: Encodable { var physicalLocation: Physical }
  private struct Physical: Encodable { var artifactLocation: Artifact; var region: Region }
  private struct Artifact: Encodable { var uri: String }
  private struct Region: Encodable { var startLine: Int }
  private struct Suppression: Encodable { var kind: String; var status: String }
}
