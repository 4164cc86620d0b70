import APIDiff
import APIModel
import Testing

@Suite struct ResolvedSurfaceTests {
  static let release = snap {
    module("vllm", package: true, stars: ["vllm.utils"]) {
      alias("CacheConfig", "vllm.config.CacheConfig")
      alias("torch", "torch")
      alias("Loop", "vllm.Loop2")
      alias("Loop2", "vllm.Loop")
    }
    module("vllm.config", package: true) { alias("CacheConfig", "vllm.config.cache.CacheConfig") }
    module("vllm.config.cache") { cls("CacheConfig") { fn("verify", "self") } }
    module("vllm.utils", exports: ["cdiv"]) { fn("cdiv", "a, b"); fn("hidden") }
    module("vllm.engine") { alias("cfg", "vllm.config"); cls("Engine") { fn("step", "self") }.typeChecking }
  }

  let surface = ResolvedSurface(release)

  @Test func aliasChainsThroughPackagesReachTheDefinition() {
    #expect(surface.resolve("vllm.CacheConfig") == "vllm.config.cache.CacheConfig")
    #expect(surface.resolve("vllm.config.CacheConfig") == "vllm.config.cache.CacheConfig")
  }

  @Test func membersResolveThroughAnAliasedClassOrModule() {
    #expect(surface.resolve("vllm.CacheConfig.verify") == "vllm.config.cache.CacheConfig.verify")
    #expect(surface.resolve("vllm.engine.cfg.CacheConfig") == "vllm.config.cache.CacheConfig")
  }

  @Test func starImportsHonourAll() {
    #expect(surface.resolve("vllm.cdiv") == "vllm.utils.cdiv")
    #expect(surface.resolve("vllm.hidden") == nil)
  }

  @Test func externalTargetsAndCyclesStayUnresolved() {
    #expect(surface.resolve("vllm.torch") == nil)
    #expect(surface.resolve("vllm.Loop") == nil)
    #expect(surface.resolve("vllm.Loop.x") == nil)
  }

  @Test func importablePathsAreTheCanonicalPathThenEveryAlias() {
    #expect(surface.importablePaths(of: "vllm.config.cache.CacheConfig")
            == ["vllm.config.cache.CacheConfig", "vllm.CacheConfig", "vllm.config.CacheConfig"])
  }

  @Test func typeCheckingSymbolsDoNotExistAtRunTime() {
    #expect(surface.definitions["vllm.engine.Engine"] == nil)
    #expect(surface.definitions["vllm.engine.Engine.step"] == nil)
    #expect(surface.typeCheckingOnly.contains("vllm.engine.Engine"))
  }

  @Test func packageAliasesAreExportedAndModuleAllIsHonoured() {
    #expect(surface.exportedAliases.contains("vllm.CacheConfig"))
    #expect(!surface.exportedAliases.contains("vllm.engine.cfg"))
  }

  @Test func descendantsListMembersOfNestedDefinitions() {
    #expect(surface.descendants(of: "vllm.config") == ["vllm.config.cache", "vllm.config.cache.CacheConfig",
                                                       "vllm.config.cache.CacheConfig.verify"])
  }

  @Test func overloadStubsGiveWayToTheImplementation() {
    let stub = Symbol(path: "vllm.m.f", kind: .function, file: "vllm/m.py", line: 3, params: [],
                      decorators: ["overload"])
    let impl = Symbol(path: "vllm.m.f", kind: .function, file: "vllm/m.py", line: 9, params: [])
    let release = Snapshot(release: "v1", modules: [
      ModuleSurface(module: "vllm.m", file: "vllm/m.py",
                    symbols: [Symbol(path: "vllm.m", kind: .module, file: "vllm/m.py", line: 1), impl, stub])
    ])
    #expect(ResolvedSurface(release).definitions["vllm.m.f"]?.line == 9)
  }
}

@Suite struct LazyModuleTests {
  @Test func typeCheckingImportsOfAModuleWithGetattrAreLazyReExports() {
    let surface = ResolvedSurface(snap {
      module("vllm", package: true) { alias("LLM", "vllm.llm.LLM").typeChecking; fn("__getattr__", "name") }
      module("vllm.llm") { cls("LLM") }
    })
    #expect(surface.resolve("vllm.LLM") == "vllm.llm.LLM")
    #expect(surface.exportedAliases.contains("vllm.LLM"))
  }
}
