import APIDiff
import APIModel
import Reporting
import Testing

@Suite struct MarkdownReporterTests {
  let text = MarkdownReporter().render(ReportFixtures.hostile)

  @Test func titleAndSummaryTableComeFirst() {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "# vLLM v0\\.9\\.1 → v0\\.11\\.0" || lines[0] == "# vLLM v0.9.1 → v0.11.0")
    #expect(lines[2] == "| Change | Count | Breaking |")
    #expect(text.contains("| signature | 1 | 1 |"))
    #expect(text.contains("| **total** | **2** | **2** |"))
  }

  @Test func sectionsAndRowsCarryPathsInCodeSpansAndBreakingMarks() {
    #expect(text.contains("## `vllm.config` (2 changes, 2 breaking)"))
    #expect(text.contains("- **breaking** removed `vllm.config.GONE`"))
    #expect(text.contains("([vllm/config.py:1](vllm/config.py#L1))"))
  }

  @Test func signatureDetailsAreCompactLists() {
    #expect(text.contains("  - removed `z=1` (breaking)"))
    #expect(text.contains("  - annotation of `x`: `dict[str, int \\| None]` → `dict[str, int \\| float]`"))
  }

  @Test func backticksInCodeUseALongerFence() {
    #expect(text.contains("  - default of `y`: ``'`'`` → ```'``'```"))
  }

  @Test func angleBracketsPipesAndBackticksInPlainTextAreEscaped() {
    let report = DiffReport(from: "v<1>", to: "v|2`", changes: [])
    let out = MarkdownReporter(package: "a_b").render(report)
    #expect(out.hasPrefix("# a\\_b v&lt;1&gt; → v\\|2\\`\n"))
    #expect(!out.contains("<1>"))
  }

  @Test func largeSectionsFold() {
    let names = (0..<20).map { "f\($0)" }
    let report = diffSnapshots(snap("v1") { module("vllm.m") }, snap("v2") {
      ModuleSurface(module: "vllm.m", file: "vllm/m.py",
                    symbols: [Symbol(path: "vllm.m", kind: .module, file: "vllm/m.py", line: 1)]
                      + names.map { Symbol(path: "vllm.m.\($0)", kind: .function, file: "vllm/m.py", line: 2, params: []) })
    }, options: DiffOptions())
    let out = MarkdownReporter().render(report)
    #expect(out.contains("<details><summary>Show 20 changes</summary>"))
    #expect(out.contains("</details>"))
  }

  @Test func movedRowsShowTheNewPathAndLinkBothSides() throws {
    let report = try #require(Fixtures.presence.first { $0.name.hasPrefix("moved without") }).report()
    let out = MarkdownReporter(oldSourceRoot: "https://x/v1/", newSourceRoot: "https://x/v2/").render(report)
    #expect(out.contains("`vllm.a.helper` → `vllm.b.helper`"))
    #expect(out.contains("[vllm/a.py:1](https://x/v1/vllm/a.py#L1) → [vllm/b.py:1](https://x/v2/vllm/b.py#L1)"))
  }
}

@Suite struct MarkdownSectionTests {
  @Test func packageReExportsAreInThePackageSection() throws {
    let report = try #require(Fixtures.presence.first { $0.name.hasPrefix("re-export removed") }).report()
    #expect(MarkdownReporter().render(report).contains("## `vllm` (1 change, 1 breaking)"))
  }
}

@Suite struct MarkdownMemberTests {
  @Test func membersOfARemovedModuleShareOneLine() {
    let out = MarkdownReporter().render(Fixtures.presence[0].report())
    #expect(out.contains("  - public symbols: `LIMIT`, `Worker`, `Worker.__init__`, `Worker.run`, `helper`\n"))
  }
}
