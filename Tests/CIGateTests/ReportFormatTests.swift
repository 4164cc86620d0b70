import CIGate
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite struct ReportFormatTests {
  /// A failing run with an expired allowance, so every kind of element is written.
  func document() throws -> GateDocument {
    let fixture = try GateFixture()
    let allowlist = try Allowlist.parse(
      "allow:\n  - key: \"impact:*<&>\"\n    reason: \"quotes \\\" and <tags>\"\n    expires: 2020-01-01\n", file: "a.yaml")
    return try fixture.run(allowlist: allowlist)
  }

  /// The structure the JUnit XSD CI servers read (testsuites > testsuite > testcase >
  /// failure | system-out) with its required attributes and consistent counts.
  @Test func junitFollowsTheSchema() throws {
    let document = try document()
    let xml = try XMLDocument(data: Data(JUnitReport.render(document).utf8))
    let root = try #require(xml.rootElement())
    #expect(root.name == "testsuites")
    var failures = 0
    for suite in root.elements(forName: "testsuite") {
      for attribute in ["name", "tests", "failures", "errors", "skipped", "time"] {
        #expect(suite.attribute(forName: attribute) != nil)
      }
      let cases = suite.elements(forName: "testcase")
      #expect(suite.attribute(forName: "tests")?.stringValue == "\(cases.count)")
      let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
      #expect(suite.attribute(forName: "failures")?.stringValue == "\(failing.count)")
      failures += failing.count
      for testcase in cases {
        #expect(testcase.attribute(forName: "name") != nil && testcase.attribute(forName: "classname") != nil)
        for child in testcase.children ?? [] {
          #expect(["failure", "system-out"].contains(child.name ?? ""))
        }
        #expect(testcase.elements(forName: "failure").count <= 1)
        #expect(testcase.elements(forName: "system-out").count <= 1)
        for failure in testcase.elements(forName: "failure") {
          #expect(failure.attribute(forName: "message") != nil && failure.attribute(forName: "type") != nil)
        }
      }
    }
    #expect(root.attribute(forName: "failures")?.stringValue == "\(failures)")
    let subjects = document.checks.reduce(0) { $0 + $1.subjects.count } + document.expiredAllowances.count
    #expect(root.attribute(forName: "tests")?.stringValue == "\(subjects)")
    #expect(failures > 0)
  }

  @Test func sarifHasRulesAndPluginLocations() throws {
    let document = try document()
    let text = SARIFReport.render(document)
    let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(log["version"] as? String == "2.1.0")
    let run = try #require((log["runs"] as? [[String: Any]])?.first)
    let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
    let rules = try #require(driver["rules"] as? [[String: Any]])
    let ids = rules.compactMap { $0["id"] as? String }
    #expect(ids == ids.sorted() && ids.contains("impact/import_removed"))
    #expect(rules.allSatisfy { (($0["help"] as? [String: Any])?["text"] as? String)?.isEmpty == false })
    let results = try #require(run["results"] as? [[String: Any]])
    #expect(results.count == document.findings.count)
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(ids[index] == result["ruleId"] as? String)
      #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
    }
    let impact = try #require(results.first { ($0["ruleId"] as? String) == "impact/import_removed" })
    let location = try #require((impact["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
    #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "vllm_mindspore/a.py")
    #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 1)
  }

  /// Validates against the SARIF 2.1.0 JSON schema (from oasis-tcs/sarif-spec, whose licence
  /// does not allow committing it here) when `SARIF_SCHEMA` names a copy and python's
  /// `jsonschema` is installed.
  @Test(.enabled(if: ProcessInfo.processInfo.environment["SARIF_SCHEMA"] != nil && Python.hasJSONSchema))
  func sarifValidatesAgainstTheSchema() throws {
    let fixture = try GateFixture()
    let path = try fixture.write("gate.sarif", SARIFReport.render(try document()))
    let schema = ProcessInfo.processInfo.environment["SARIF_SCHEMA"]!
    let status = try Python.run(
      "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))",
      arguments: [schema, path])
    #expect(status == 0)
  }

  @Test func jsonIsDeterministicAndRoundTrips() throws {
    let document = try document()
    let fixture = try GateFixture()
    let path = try fixture.write("gate.json", String(decoding: document.encoded(), as: UTF8.self))
    #expect(try GateDocument.load(from: path) == document)
    #expect(String(decoding: document.encoded(), as: UTF8.self).contains("\"schema\" : \"vmsync.gate/1\""))
  }

  @Test func summaryPutsCountsBeforeRegressions() throws {
    let summary = MarkdownSummary.render(try document())
    let counts = try #require(summary.range(of: "| subjects |"))
    let regressions = try #require(summary.range(of: "### Regressions"))
    #expect(counts.lowerBound < regressions.lowerBound)
    #expect(summary.hasPrefix("## vmsync gate: failed"))
  }
}

/// python3, for validators the tests use when present.
enum Python {
  static let hasJSONSchema: Bool = (try? run("import jsonschema", arguments: [])) == 0

  static func run(_ code: String, arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code] + arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }
}
