/// The JUnit XML of a gate document: one test suite per check, one test case per subject; a
/// subject fails with one failure holding the text of each finding that fails the gate.
/// Expired allowlist entries are failing cases of an `allowlist` suite.
public enum JUnitReport {
  public static func render(_ document: GateDocument) -> String {
    let bySubject = Dictionary(grouping: document.findings) { "\($0.check)\u{0}\($0.subject)" }
    var suites: [String] = []
    var totalTests = 0
    var totalFailures = 0
    for check in document.checks {
      var cases: [String] = []
      var failures = 0
      for subject in check.subjects {
        let findings = bySubject["\(check.check)\u{0}\(subject)"] ?? []
        let failing = findings.filter { $0.status?.fails ?? false }
        var body: [String] = []
        if let head = failing.first {
          // One failure per test case (older JUnit schemas allow no more), naming every finding.
          let more = failing.count > 1 ? " (and \(failing.count - 1) more)" : ""
          let text = failing.map { finding in
            "\(finding.finding)\n\(finding.message)" + (finding.file.map { "\n\($0):\(finding.line ?? 1)" } ?? "")
          }.joined(separator: "\n\n")
          body.append(
            "      <failure message=\"\(escape(head.message + more))\" type=\"\(escape(head.rule))\">\(escape(text))</failure>")
        }
        let others = findings.filter { !($0.status?.fails ?? false) }
        if !others.isEmpty {
          let text = others.map { "\($0.status?.rawValue ?? ""): \($0.finding): \($0.message)" }.joined(separator: "\n")
          body.append("      <system-out>\(escape(text))</system-out>")
        }
        if !failing.isEmpty { failures += 1 }
        let open = "    <testcase name=\"\(escape(subject))\" classname=\"vmsync.\(escape(check.check))\" time=\"0\""
        cases.append(body.isEmpty ? open + "/>" : open + ">\n" + body.joined(separator: "\n") + "\n    </testcase>")
      }
      suites.append(suite("vmsync.\(check.check)", tests: check.subjects.count, failures: failures, cases: cases))
      totalTests += check.subjects.count
      totalFailures += failures
    }
    if !document.expiredAllowances.isEmpty {
      let cases = document.expiredAllowances.map { entry in
        "    <testcase name=\"\(escape(entry.key))\" classname=\"vmsync.allowlist\" time=\"0\">\n"
          + "      <failure message=\"allowlist entry expired on \(entry.expires)\" type=\"allowlist/expired\">"
          + "\(escape("\(entry.at): \(entry.reason)"))</failure>\n    </testcase>"
      }
      suites.append(suite("vmsync.allowlist", tests: cases.count, failures: cases.count, cases: cases))
      totalTests += cases.count
      totalFailures += cases.count
    }
    return """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="vmsync gate" tests="\(totalTests)" failures="\(totalFailures)" errors="0" time="0">
      \(suites.joined(separator: "\n"))
      </testsuites>

      """
  }

  private static func suite(_ name: String, tests: Int, failures: Int, cases: [String]) -> String {
    let open = "  <testsuite name=\"\(name)\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0\""
    return cases.isEmpty ? open + "/>" : open + ">\n" + cases.joined(separator: "\n") + "\n  </testsuite>"
  }

  /// XML text and attribute escaping; control characters XML 1.0 forbids become spaces.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n", "\t": out.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20: out += " "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
