import APIDiff
import APIModel
import Testing

@Suite struct DiffOptionsTests {
  static let old = snap("v1") {
    module("vllm.a") { fn("f", "x"); fn("_g", "x"); fn("__call__", "x") }
    module("vllm.b") { fn("h", "x", body: "1") }
  }
  static let new = snap("v2") {
    module("vllm.a") { fn("f"); fn("_g"); fn("__call__") }
    module("vllm.b") { fn("h", "x", body: "2") }
  }

  func paths(_ options: DiffOptions) -> [String] {
    diffSnapshots(Self.old, Self.new, options: options).changes.map(\.path)
  }

  @Test func onlyKeepsDottedPrefixes() {
    #expect(paths(DiffOptions(only: ["vllm.b"])) == ["vllm.b.h"])
    #expect(paths(DiffOptions(only: ["vllm.a.f"])) == ["vllm.a.f"])
    #expect(paths(DiffOptions(only: ["vllm.a.f", "vllm.b.h"])) == ["vllm.a.f", "vllm.b.h"])
    #expect(paths(DiffOptions(only: ["vllm.b.hx"])).isEmpty)
  }

  @Test func privatePathsCanBeLeftOutButDundersArePublic() {
    #expect(paths(DiffOptions(includePrivate: false)) == ["vllm.a.__call__", "vllm.a.f", "vllm.b.h"])
    #expect(paths(DiffOptions()).contains("vllm.a._g"))
  }

  @Test func breakingOnlyAndBodyFilters() {
    #expect(paths(DiffOptions(breakingOnly: true)) == ["vllm.a.__call__", "vllm.a._g", "vllm.a.f"])
    #expect(!paths(DiffOptions(includeBody: false)).contains("vllm.b.h"))
  }

  @Test func filteringNeverChangesClassification() {
    let all = diffSnapshots(Self.old, Self.new, options: DiffOptions()).changes
    let some = diffSnapshots(Self.old, Self.new, options: DiffOptions(only: ["vllm.a"], breakingOnly: true)).changes
    #expect(some.allSatisfy { all.contains($0) })
  }

  @Test func summaryCountsTheKeptChanges() {
    let report = diffSnapshots(Self.old, Self.new, options: DiffOptions())
    #expect(report.summary.total == 4)
    #expect(report.summary.breaking == 3)
    #expect(report.summary.counts[.signature] == 3)
    #expect(report.summary.counts[.body] == 1)
    #expect(report.summary.counts[.added] == 0)
  }
}
