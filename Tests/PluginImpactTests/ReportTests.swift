import APIModel
import Foundation
import PluginImpact
import PluginScan
import Testing

@Suite struct ReportTests {
  func report() throws -> ImpactReport {
    try impact(
      old: ["vllm/a.py": "def f(): pass\nclass A:\n    limit = 1\n"], new: ["vllm/a.py": "class A:\n    pass\n"],
      [
        reference(.replace, "vllm.a.A.limit", plugin: "vllm_mindspore.p.LIMIT", line: 2),
        reference(.import, "vllm.a.f", plugin: "vllm_mindspore.p", line: 1),
      ])
  }

  @Test func markdownStartsWithTheSummaryAndOrdersBySeverity() throws {
    let text = ImpactMarkdownReporter().render(try report())
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "# vllm_mindspore: upgrading vLLM v0.1.0 → v0.2.0")
    #expect(lines[2] == "| finding | when it bites | severity | count |")
    #expect(lines[4] == "| `import_removed` | fails at import or call | error | 1 |")
    #expect(lines[5] == "| `patch_target_removed` | silently stops working | error | 1 |")
    let fails = try #require(text.range(of: "## Fails at import or call"))
    let silent = try #require(text.range(of: "## Silently stops working"))
    #expect(fails.lowerBound < silent.lowerBound)
    #expect(text.contains("- plugin: `vllm_mindspore/patch.py:1` (`vllm_mindspore.p`, import)"))
  }

  @Test func jsonCarriesTheSchemaAndEveryField() throws {
    let text = ImpactJSONReporter().render(try report())
    let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    #expect(object["schema"] as? String == "vmsync.impact/1")
    #expect(object["from"] as? String == "v0.1.0")
    let summary = try #require(object["summary"] as? [String: Any])
    #expect(summary["total"] as? Int == 2)
    #expect(summary["errors"] as? Int == 2)
    #expect((summary["by_finding"] as? [String: Int]) == ["import_removed": 1, "patch_target_removed": 1])
    let findings = try #require(object["findings"] as? [[String: Any]])
    #expect(findings.count == 2)
    let first = findings[0]
    #expect(Set(first.keys) == [
      "finding", "severity", "category", "target", "suggested_target", "kind", "plugin_symbol", "plugin", "upstream",
      "message", "details", "diff",
    ])
    #expect(first["finding"] as? String == "import_removed")
    #expect(first["target"] as? String == "vllm.a.f")
    #expect(first["suggested_target"] is NSNull)
    #expect((first["plugin"] as? [String: Any])?["line"] as? Int == 1)
    #expect((first["upstream"] as? [String: Any])?["file"] as? String == "vllm/a.py")
    #expect(ImpactJSONReporter().render(try report()) == text)
  }

  @Test func htmlIsSelfContainedAndEscaped() throws {
    var report = try report()
    report.findings[0].message = "<script>alert(1)</script>"
    let html = ImpactHTMLReporter().render(report)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(!html.contains("<script>"))
    #expect(html.contains("&lt;script&gt;"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(html.contains("<code>import_removed</code>"))
  }
}
