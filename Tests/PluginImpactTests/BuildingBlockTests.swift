import APIModel
import Foundation
@testable import PluginImpact
import PluginScan
import Testing

@Suite struct BuildingBlockTests {
  @Test(arguments: [
    "()", "(self, x: int = 1, *args, **kwargs)", "(a, /, b, *, c=None)", "(a, b, /)", "(*, key)",
    "(self, x: Dict[str, int] = {}, y=\"s\")",
  ])
  func signatureTextRoundTrips(_ text: String) throws {
    let params = try #require(SignatureText.parse(text))
    #expect(SignatureText.render(params) == text)
  }

  @Test func signatureCompatibility() {
    func check(_ upstream: String, _ replacement: String) -> [String] {
      SignatureCompatibility.problems(upstream: SignatureText.parse(upstream)!, replacement: SignatureText.parse(replacement)!)
    }
    #expect(check("(self, x)", "(self, x)").isEmpty)
    #expect(check("(self, x, y=1)", "(self, *args, **kwargs)").isEmpty)
    #expect(check("(self, x, *, flag=False)", "(self, x)") == ["missing keyword parameter 'flag'"])
    #expect(check("(self, x)", "(self, x, y)") == ["extra required parameter 'y'"])
    #expect(check("(self, hidden)", "(self, x)") == ["keyword 'hidden' is 'x' in the replacement"])
    #expect(check("(self, mask, x)", "(self, x)") == ["missing parameter 'mask' (position 2; later positional arguments shift)"])
    #expect(check("(a, /)", "()") == ["missing parameter 'a' (position 1)"])
    #expect(check("(a, **kw)", "(a)") == ["missing '**kwargs': upstream accepts extra keyword arguments"])
  }

  @Test func callBinding() {
    let params = SignatureText.parse("(a, b=1, *, c, **extra)")!
    #expect(CallBinding.problems(CallArguments(positional: 1, keywords: ["c", "anything"]), params: params).isEmpty)
    #expect(CallBinding.problems(CallArguments(positional: 3, keywords: ["c"]), params: params)
      == ["3 positional arguments, at most 2 accepted"])
    #expect(CallBinding.problems(CallArguments(positional: 1, keywords: ["a", "c"]), params: params)
      == ["'a' given by position and keyword"])
    #expect(CallBinding.problems(CallArguments(positional: 0, keywords: [], hasStarArgs: true), params: params).isEmpty)
  }

  @Test func unifiedDiffHunks() {
    let old = (1...12).map { "line \($0)" }
    var new = old
    new[1] = "changed 2"
    new.insert("inserted", at: 10)
    #expect(UnifiedDiff.render(old: old, new: old, oldName: "a", newName: "b").isEmpty)
    #expect(UnifiedDiff.render(old: old, new: new, oldName: "a", newName: "b") == """
      --- a
      +++ b
      @@ -1,5 +1,5 @@
       line 1
      -line 2
      +changed 2
       line 3
       line 4
       line 5
      @@ -8,5 +8,6 @@
       line 8
       line 9
       line 10
      +inserted
       line 11
       line 12

      """)
    #expect(UnifiedDiff.render(old: [], new: ["x"], oldName: "a", newName: "b") == "--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n")
  }

  @Test func definitionSliceFollowsIndentation() throws {
    let lines = """
      class A:
          @staticmethod
          def f(
              x,
          ):
              y = x

              return y

          def g(self):
              pass
      """.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let slice = try #require(DefinitionSource.slice(lines, line: 3))
    #expect(slice.start == 2)
    #expect(slice.lines == ["    @staticmethod", "    def f(", "        x,", "    ):", "        y = x", "", "        return y"])
    #expect(DefinitionSource.slice(lines, line: 40) == nil)
  }

  @Test func sameNameSearchNeedsAClearChoice() {
    let view = UpstreamView(snapshot("v1", [
      "vllm/x/a.py": "class Foo: pass\n", "vllm/y/b.py": "class Foo: pass\n", "vllm/x/c.py": "def only(): pass\n",
    ]))
    #expect(view.sameNameCandidate(for: "vllm.x.gone.Foo", kind: .class) == "vllm.x.a.Foo")
    #expect(view.sameNameCandidate(for: "vllm.z.Foo", kind: .class) == nil)
    #expect(view.sameNameCandidate(for: "vllm.old.only", kind: .function) == "vllm.x.c.only")
    #expect(view.sameNameCandidate(for: "vllm.old.only", kind: .class) == nil)
  }
}
