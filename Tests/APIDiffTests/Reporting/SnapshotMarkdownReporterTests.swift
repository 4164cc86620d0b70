import APIModel
import Reporting
import Testing

@Suite struct SnapshotMarkdownReporterTests {
  let release = snap("v0.11.0") {
    module("vllm.config") {
      cls("CacheConfig", bases: ["Base"]) { fn("verify", "self, strict: bool = False", returns: "None"); fn("_hidden", "self") }
      fn("make", "*args, **kw")
      attr("X")
    }
  }

  @Test func listsCountsAndSignaturesPerModule() {
    let text = SnapshotMarkdownReporter().render(release)
    #expect(text.hasPrefix("# vLLM v0.11.0 API surface\n"))
    #expect(text.contains("| method | 1 |"))
    #expect(text.contains("## `vllm.config`"))
    #expect(text.contains("- `class CacheConfig(Base)`\n  - `def verify(self, strict: bool = False) -> None`\n- `def make(*args, **kw)`"))
    #expect(!text.contains("_hidden"))
    #expect(SnapshotMarkdownReporter(includePrivate: true).render(release).contains("_hidden"))
  }
}
