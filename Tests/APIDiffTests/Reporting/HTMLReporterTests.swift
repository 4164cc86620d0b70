import APIDiff
import APIModel
import Reporting
import Testing

@Suite struct HTMLReporterTests {
  let page = HTMLReporter().render(ReportFixtures.hostile)

  @Test func pageIsSelfContained() {
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("<style>") && page.contains("<script>"))
    #expect(!page.contains("http://") && !page.contains("https://"))
    #expect(!page.contains("<link") && !page.contains("src="))
  }

  @Test func everyTextIsEscaped() {
    #expect(page.contains("<code>&lt;T&gt;</code> → <code>&lt;U&gt;</code>"))
    #expect(page.contains("default of <code>y</code>: <code>&#39;`&#39;</code> → <code>&#39;``&#39;</code>"))
    #expect(!page.contains("<T>") && !page.contains("<U>"))
    let report = DiffReport(from: "<script>alert(1)</script>", to: "\"x\"", changes: [])
    let other = HTMLReporter().render(report)
    #expect(!other.contains("<script>alert"))
    #expect(other.contains("&lt;script&gt;alert(1)&lt;/script&gt; → &quot;x&quot;"))
  }

  @Test func rowsCarryFilterData() {
    #expect(page.contains("data-kind=\"signature\" data-breaking=\"true\""))
    #expect(page.contains("data-kind=\"removed\" data-breaking=\"true\""))
    #expect(page.contains("<option>moved</option>"))
    #expect(page.contains("id=\"breaking\""))
  }
}
