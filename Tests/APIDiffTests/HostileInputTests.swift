import APIDiff
import APIModel
import Testing

@Suite struct HostileInputTests {
  static func hostile(_ release: String, _ extra: String) -> Snapshot {
    let file = "vllm/m.py"
    return Snapshot(release: release, modules: [
      ModuleSurface(module: "vllm.m", file: file, symbols: [
        Symbol(path: "vllm.m", kind: .module, file: file, line: 1),
        Symbol(path: "vllm.m.A", kind: .alias, file: file, line: 2, target: "vllm.m.A"),
        Symbol(path: "vllm.m.B", kind: .alias, file: file, line: 3, target: "vllm.m.C.x.y"),
        Symbol(path: "vllm.m.C", kind: .alias, file: file, line: 4, target: "vllm.m.B"),
        Symbol(path: "vllm.m.D", kind: .alias, file: file, line: 5),
        Symbol(path: "vllm.m.E", kind: .class, file: file, line: 6, bases: ["E", "F[", "", "metaclass=E"]),
        Symbol(path: "vllm.m.F", kind: .class, file: file, line: 7, bases: ["E"]),
        Symbol(path: "vllm.m.f", kind: .function, file: file, line: 8,
               params: [Parameter(name: "x", kind: .positionalOrKeyword), Parameter(name: "x", kind: .keywordOnly)]),
        Symbol(path: "vllm.m.f", kind: .function, file: file, line: 9, params: nil),
        Symbol(path: "", kind: .attribute, file: "", line: 0, value: "{"),
        Symbol(path: "vllm.m.", kind: .attribute, file: file, line: 10, value: extra),
        Symbol(path: "vllm.m.V", kind: .attribute, file: file, line: 11, value: extra),
      ], starImports: ["vllm.m", "vllm.nowhere"]),
      ModuleSurface(module: "vllm.m", file: file, symbols: []),
    ])
  }

  @Test(arguments: ["{", "}", "{:}", "{'a': }", "[,]", "(,)", "{1: 2, 3}", "'{'", "{\"\\\"\": 1}", "[1, [2, 3]]"])
  func oddSnapshotsDiffWithoutCrashing(_ value: String) {
    let old = Self.hostile("v1", value)
    let new = Self.hostile("v2", "[1, 2]")
    let report = diffSnapshots(old, new, options: DiffOptions())
    #expect(report == diffSnapshots(old, new, options: DiffOptions()))
    #expect(diffSnapshots(old, old, options: DiffOptions()).changes.isEmpty)
    let surface = ResolvedSurface(old)
    #expect(surface.resolve("vllm.m.A") == nil)
    #expect(surface.resolve("vllm.m.C") == nil)
    #expect(surface.ancestors(of: surface.definitions["vllm.m.E"]!).contains("vllm.m.E"))
  }
}
