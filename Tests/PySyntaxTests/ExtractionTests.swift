import APIExtraction
import APIModel
import Testing

/// The surface of `code` as module `pkg.mod` (file `pkg/mod.py`).
func surface(_ code: String, module: String = "pkg.mod", isPackage: Bool = false) -> ModuleSurface {
  let file = module.split(separator: ".").joined(separator: "/") + (isPackage ? "/__init__.py" : ".py")
  return extractModule(source: Array(code.utf8), file: file, module: module, isPackage: isPackage)
}

extension ModuleSurface {
  subscript(_ path: String) -> Symbol? { symbols.first { $0.path == path } }
  var paths: [String] { symbols.map(\.path) }
}

@Suite struct ExtractionTests {
  @Test func moduleSymbolComesFirst() {
    let s = surface("x = 1\n")
    #expect(s.symbols.first?.path == "pkg.mod")
    #expect(s.symbols.first?.kind == .module)
    #expect(s.symbols.first?.line == 1)
    #expect(s.symbols.first?.bodyHash?.count == 16)
    #expect(s.diagnostics.isEmpty)
  }

  @Test func parameterKinds() {
    let s = surface("def f(a, b=1, /, c=2, *args, d, e=3, **kw): ...\ndef g(*, k): ...\n")
    let f = s["pkg.mod.f"]
    #expect(f?.kind == .function)
    #expect(f?.params?.map(\.name) == ["a", "b", "c", "args", "d", "e", "kw"])
    #expect(f?.params?.map(\.kind) == [.positionalOnly, .positionalOnly, .positionalOrKeyword,
                                       .varPositional, .keywordOnly, .keywordOnly, .varKeyword])
    #expect(f?.params?.map(\.default) == [nil, "1", "2", nil, nil, "3", nil])
    #expect(s["pkg.mod.g"]?.params == [Parameter(name: "k", kind: .keywordOnly)])
  }

  @Test func annotationsAndReturns() {
    let s = surface("""
      def f(x: int, *args: *Ts, y: dict[str, list[int]] = {}, **kw: Any) -> Optional[
          int]:  # comment
          pass
      """)
    let f = s["pkg.mod.f"]
    #expect(f?.params?.map(\.annotation) == ["int", "*Ts", "dict[str, list[int]]", "Any"])
    #expect(f?.params?[2].default == "{}")
    #expect(f?.returns == "Optional[int]")
  }

  @Test func defaultsWithLambdasAndNestedBrackets() {
    let s = surface("""
      def f(key=lambda a, b: a, other=lambda: {"x": (1, 2)}, s="a,b", t=g(1, y=2), *, z=lambda q=1: q):
          return key
      """)
    let params = s["pkg.mod.f"]?.params
    #expect(params?.map(\.name) == ["key", "other", "s", "t", "z"])
    #expect(params?.map(\.default) == ["lambda a, b: a", "lambda: {\"x\": (1, 2)}", "\"a,b\"", "g(1, y=2)", "lambda q=1: q"])
    #expect(params?.last?.kind == .keywordOnly)
  }

  @Test func decoratorsAndAsync() {
    let s = surface("""
      @app.route("/x", methods=["GET"])
      @staticmethod
      async def handler(request):
          await thing()

      @dataclass(frozen=True)
      class C:
          @property
          def value(self) -> int: return 1
      """)
    let handler = s["pkg.mod.handler"]
    #expect(handler?.decorators == ["app.route(\"/x\", methods=[\"GET\"])", "staticmethod"])
    #expect(handler?.isAsync == true)
    #expect(handler?.line == 3)
    #expect(s["pkg.mod.C"]?.decorators == ["dataclass(frozen=True)"])
    #expect(s["pkg.mod.C.value"]?.kind == .method)
    #expect(s["pkg.mod.C.value"]?.isAsync == nil)
    #expect(s["pkg.mod.C.value"]?.returns == "int")
  }

  @Test func classesBasesAndNesting() {
    let s = surface("""
      class Outer(Base, Generic[T], metaclass=ABCMeta):
          class Inner:
              def method(self): pass
          def outer_method(self):
              def nested_function(): pass
              class LocalClass: pass
      """)
    #expect(s["pkg.mod.Outer"]?.bases == ["Base", "Generic[T]", "metaclass=ABCMeta"])
    #expect(s["pkg.mod.Outer.Inner"]?.kind == .class)
    #expect(s["pkg.mod.Outer.Inner"]?.bases == [])
    #expect(s["pkg.mod.Outer.Inner.method"]?.kind == .method)
    #expect(s["pkg.mod.Outer.outer_method"] != nil)
    #expect(!s.paths.contains { $0.contains("nested_function") || $0.contains("LocalClass") })
  }

  @Test func dataclassFieldsAndAttributes() {
    let s = surface("""
      X: int = 1
      Y: Final[str]
      a = b = [1,
               2]  # trailing
      c, (d, *e) = f()
      obj.attr = 3
      items[0] = 4
      @dataclass
      class Config:
          name: str
          size: int = field(default=0)
          ClassVar_x = 'v'
      """)
    #expect(s["pkg.mod.X"]?.annotation == "int")
    #expect(s["pkg.mod.X"]?.value == "1")
    #expect(s["pkg.mod.Y"]?.annotation == "Final[str]")
    #expect(s["pkg.mod.Y"]?.value == nil)
    #expect(s["pkg.mod.a"]?.value == "[1, 2]")
    #expect(s["pkg.mod.b"]?.value == "[1, 2]")
    #expect(["c", "d", "e"].allSatisfy { s["pkg.mod.\($0)"]?.value == "f()" })
    #expect(!s.paths.contains { $0.hasSuffix(".attr") || $0.hasSuffix(".items") })
    #expect(s["pkg.mod.Config.name"]?.kind == .attribute)
    #expect(s["pkg.mod.Config.name"]?.annotation == "str")
    #expect(s["pkg.mod.Config.size"]?.value == "field(default=0)")
    #expect(s["pkg.mod.Config.ClassVar_x"]?.value == "'v'")
  }

  @Test func longRegistryValuesAreKeptWhole() {
    let entries = (0..<500).map { "    \"Model\($0)\": (\"module\($0)\", \"Class\($0)\"),  # note" }
    let s = surface("_MODELS = {\n" + entries.joined(separator: "\n") + "\n}\n")
    let value = s["pkg.mod._MODELS"]?.value ?? ""
    #expect(value.hasPrefix("{\"Model0\": (\"module0\", \"Class0\"), \"Model1\""))
    #expect(value.hasSuffix("\"Model499\": (\"module499\", \"Class499\"),}"))
    #expect(!value.contains("#") && !value.contains("\n"))
  }

  @Test(arguments: [
    ExportCase(code: "__all__ = ['a', \"b\"]", exports: ["a", "b"]),
    ExportCase(code: "__all__ = ('a', 'b',)", exports: ["a", "b"]),
    ExportCase(code: "__all__ = 'a', 'b'", exports: ["a", "b"]),
    ExportCase(code: "__all__ = ['a'] + ['b']", exports: ["a", "b"]),
    ExportCase(code: "__all__ = ['a']\n__all__ += ['b']\n__all__.extend(('c',))\n__all__.append('d')",
               exports: ["a", "b", "c", "d"]),
    ExportCase(code: "__all__: list[str] = ['a']", exports: ["a"]),
    ExportCase(code: "__all__ = ['a'] + other.__all__", exports: nil),
    ExportCase(code: "__all__ = ['a']\n__all__ += other.__all__", exports: nil),
    ExportCase(code: "__all__ = 'a'", exports: nil),
    ExportCase(code: "x = 1", exports: nil),
  ])
  func allForms(_ c: ExportCase) {
    #expect(surface(c.code).exports == c.exports)
  }

  @Test func overloadsKeepTheImplementation() {
    let s = surface("""
      @overload
      def f(x: int) -> int: ...
      @overload
      def f(x: str) -> str: ...
      def f(x): return x
      @typing.overload
      def g(x: int) -> int: ...
      @typing.overload
      def g(x: str) -> str: ...
      """)
    #expect(s["pkg.mod.f"]?.params?.first?.annotation == nil)
    #expect(s["pkg.mod.f"]?.line == 5)
    #expect(s["pkg.mod.g"]?.params?.first?.annotation == "str")
    #expect(s.symbols.filter { $0.path == "pkg.mod.f" }.count == 1)
  }

  @Test func redefinitionsLastWinsAndDropsOldMembers() {
    let s = surface("""
      class A:
          def old(self): pass
      def f(a): pass
      class A:
          def new(self): pass
      def f(b): pass
      """)
    #expect(s["pkg.mod.A.old"] == nil)
    #expect(s["pkg.mod.A.new"] != nil)
    #expect(s["pkg.mod.f"]?.params?.map(\.name) == ["b"])
    #expect(s.paths == ["pkg.mod", "pkg.mod.A", "pkg.mod.A.new", "pkg.mod.f"])
  }

  @Test func importForms() {
    let s = surface("""
      import a.b.c
      import a.b as x, os
      from m.n import y, z as w
      from . import sibling
      from .cache import CacheConfig
      from .. import parent_thing
      from ..other.mod import Deep
      from ... import top
      from m import *
      from .star import *
      """, module: "vllm.config.sub", isPackage: true)
    let targets = Dictionary(uniqueKeysWithValues: s.symbols.filter { $0.kind == .alias }.map { ($0.path, $0.target ?? "") })
    #expect(targets == [
      "vllm.config.sub.a": "a",
      "vllm.config.sub.x": "a.b",
      "vllm.config.sub.os": "os",
      "vllm.config.sub.y": "m.n.y",
      "vllm.config.sub.w": "m.n.z",
      "vllm.config.sub.sibling": "vllm.config.sub.sibling",
      "vllm.config.sub.CacheConfig": "vllm.config.sub.cache.CacheConfig",
      "vllm.config.sub.parent_thing": "vllm.config.parent_thing",
      "vllm.config.sub.Deep": "vllm.config.other.mod.Deep",
      "vllm.config.sub.top": "vllm.top",
    ])
    #expect(s.starImports == ["m", "vllm.config.sub.star"])
  }

  @Test func relativeImportsInAPlainModule() {
    let s = surface("from .cache import CacheConfig\nfrom . import utils\n", module: "vllm.config.model")
    #expect(s["vllm.config.model.CacheConfig"]?.target == "vllm.config.cache.CacheConfig")
    #expect(s["vllm.config.model.utils"]?.target == "vllm.config.utils")
  }

  @Test func packageInitRelativeImport() {
    let s = surface("from .cache import CacheConfig\n", module: "vllm.config", isPackage: true)
    #expect(s["vllm.config.CacheConfig"]?.kind == .alias)
    #expect(s["vllm.config.CacheConfig"]?.target == "vllm.config.cache.CacheConfig")
  }

  @Test func importsInClassBodiesButNotInFunctions() {
    let s = surface("""
      class A:
          from os import path
          import json as codec
      def f():
          import hidden
          from x import also_hidden
      """)
    #expect(s["pkg.mod.A.path"]?.target == "os.path")
    #expect(s["pkg.mod.A.codec"]?.target == "json")
    #expect(!s.paths.contains { $0.contains("hidden") })
  }

  @Test func conditionKinds() {
    let s = surface("""
      if TYPE_CHECKING:
          from a import T1
      else:
          T1 = object
      if typing.TYPE_CHECKING:
          from a import T2
      try:
          import fast
      except ImportError:
          fast = None
      try:
          from x import y
      except (ModuleNotFoundError, OSError):
          pass
      if sys.platform == "darwin":
          P1 = 1
      if current_platform.is_cuda():
          P2 = 1
      if os.name == "nt":
          P3 = 1
      if platform.system() == "Linux":
          P4 = 1
      if sys.version_info >= (3, 11):
          V1 = 1
      else:
          V2 = 1
      if vllm_version_is("0.9.0"):
          V3 = 1
      if __version__ > "1":
          V4 = 1
      if is_torch_equal_or_newer("2.6"):
          V5 = 1
      if Version(torch.__version__) < Version("2.5"):
          V6 = 1
      if DEBUG:
          C1 = 1
      for _i in range(3):
          C2 = 1
      while False:
          C3 = 1
      with ctx():
          C4 = 1
      class K:
          if TYPE_CHECKING:
              def m(self): ...
      """)
    func conditions(_ name: String) -> [SymbolCondition]? { s["pkg.mod.\(name)"]?.conditions }
    #expect(conditions("T1") == nil)  // the else branch wins and runs at run time
    #expect(s["pkg.mod.T1"]?.kind == .attribute)
    #expect(conditions("T2") == [.typeChecking])
    #expect(conditions("fast") == [.importFallback])
    #expect(conditions("y") == [.importGuarded])
    #expect(["P1", "P2", "P3", "P4"].allSatisfy { conditions($0) == [.platform] })
    #expect(["V1", "V2", "V3", "V4", "V5", "V6"].allSatisfy { conditions($0) == [.version] })
    #expect(["C1", "C2", "C3", "C4"].allSatisfy { conditions($0) == [.conditional] })
    #expect(s["pkg.mod.K.m"]?.conditions == [.typeChecking])
    #expect(s["pkg.mod.K"]?.conditions == nil)
  }

  @Test func invertedTypeCheckingElifAndTryElse() {
    let s = surface("""
      if not TYPE_CHECKING:
          RUNTIME = 1
      else:
          STATIC = 1
      if sys.platform == "win32":
          W = 1
      elif sys.version_info < (3, 9):
          OLD = 1
      else:
          OTHER = 1
      try:
          import a
      except ImportError:
          a = None
      else:
          HAVE_A = True
      finally:
          DONE = True
      try:
          risky()
      except ValueError:
          FAILED = True
      """)
    #expect(s["pkg.mod.RUNTIME"]?.conditions == nil)
    #expect(s["pkg.mod.STATIC"]?.conditions == [.typeChecking])
    #expect(s["pkg.mod.W"]?.conditions == [.platform])
    #expect(s["pkg.mod.OLD"]?.conditions == [.version])
    #expect(s["pkg.mod.OTHER"]?.conditions == [.platform])
    #expect(s["pkg.mod.HAVE_A"]?.conditions == [.importGuarded])
    #expect(s["pkg.mod.DONE"]?.conditions == nil)
    #expect(s["pkg.mod.FAILED"]?.conditions == [.conditional])
  }

  @Test func nestedConditionsAccumulate() {
    let s = surface("""
      try:
          if sys.platform == "linux":
              import fcntl
      except ImportError:
          pass
      """)
    #expect(s["pkg.mod.fcntl"]?.conditions == [.importGuarded, .platform])
  }

  @Test func matchAndTypeSoftKeywords() {
    let s = surface("""
      match = re.match(p, s)
      type = "name"
      match command:
          case [x, y]:
              IN_CASE = 1
          case _:
              pass
      type Alias[T] = list[T]
      type Simple = int | None
      def uses(match, type, case): return match
      """)
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.mod.match"]?.value == "re.match(p, s)")
    #expect(s["pkg.mod.type"]?.value == "\"name\"")
    #expect(s["pkg.mod.IN_CASE"]?.conditions == [.conditional])
    #expect(s["pkg.mod.Alias"]?.value == "list[T]")
    #expect(s["pkg.mod.Simple"]?.value == "int | None")
    #expect(s["pkg.mod.uses"]?.params?.map(\.name) == ["match", "type", "case"])
  }

  @Test func pep695TypeParameters() {
    let s = surface("""
      def first[T: (int, str), *Ts, **P](x: T, *rest: *Ts) -> T: return x
      class Box[T = int](Generic):
          def get[U](self, u: U) -> T: ...
      type Deferred[T] = lambda: T
      class Child[T](Base[lambda: (int, T)]): ...
      def bounded[T: [lambda: T for T in (T, [1])[1]]](): return T
      """)
    #expect(s["pkg.mod.Deferred"]?.value == "lambda: T")
    #expect(s["pkg.mod.Child"]?.bases == ["Base[lambda: (int, T)]"])
    #expect(s["pkg.mod.bounded"]?.params == [])
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.mod.first"]?.params?.map(\.name) == ["x", "rest"])
    #expect(s["pkg.mod.first"]?.returns == "T")
    #expect(s["pkg.mod.Box"]?.bases == ["Generic"])
    #expect(s["pkg.mod.Box.get"]?.params?.map(\.annotation) == [nil, "U"])
  }

  @Test func fStringsWithNestedQuotesDoNotConfuseTheParser() {
    let s = surface("""
      MSG = f"{x["a"]} and {f'{y}'} and {z!r:>{width}}"
      def after(): pass
      """)
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.mod.MSG"]?.value == #"f"{x["a"]} and {f'{y}'} and {z!r:>{width}}""#)
    #expect(s["pkg.mod.after"] != nil)
  }

  @Test func semicolonsAndOneLineBodies() {
    let s = surface("a = 1; b = 2\nclass C: x = 1; y = 2\nif X: Z = 3\n")
    #expect(s["pkg.mod.b"]?.value == "2")
    #expect(s["pkg.mod.C.y"]?.value == "2")
    #expect(s["pkg.mod.Z"]?.conditions == [.conditional])
  }

  @Test func tabsAndContinuationsInDeclarations() {
    let s = surface("class A:\n\tdef f(self, \\\n\t\tx=1):\n\t\tpass\n  \tdef g(self): pass\n")
    #expect(s.diagnostics.isEmpty)
    #expect(s["pkg.mod.A.f"]?.params?.map(\.name) == ["self", "x"])
    #expect(s["pkg.mod.A.g"]?.kind == .method)
  }

  @Test func extractByFileNamesTheModule() {
    let s = extractModule(source: Array("from .x import Y\n".utf8), file: "vllm/config/__init__.py")
    #expect(s?.module == "vllm.config")
    #expect(s?["vllm.config.Y"]?.target == "vllm.config.x.Y")
    #expect(extractModule(source: [], file: "README.md") == nil)
  }
}

struct ExportCase: Sendable, CustomStringConvertible {
  var code: String
  var exports: [String]?
  var description: String { code }
}

@Suite struct ConcurrencyTests {
  @Test func concurrentExtractionGivesTheSameSurfaces() async {
    let sources = (0..<16).map { i in
      Array("""
        from .m\(i) import X\(i)
        __all__ = ["f\(i)"]
        class C\(i)(Base):
            def f\(i)(self, a=\(i), *, b: int = f"{x["k"]}") -> int:
                return a
        """.utf8)
    }
    let expected = sources.map { extractModule(source: $0, file: "pkg/mod.py")! }
    let results = await withTaskGroup(of: (Int, ModuleSurface).self) { group in
      for _ in 0..<8 {
        for (index, source) in sources.enumerated() {
          group.addTask { (index, extractModule(source: source, file: "pkg/mod.py")!) }
        }
      }
      var collected: [(Int, ModuleSurface)] = []
      for await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 128)
    #expect(results.allSatisfy { expected[$0.0] == $0.1 })
  }
}
