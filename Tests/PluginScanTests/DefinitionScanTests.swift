import PluginScan
import Testing

@Suite struct DefinitionScanTests {
  @Test func subclassWithOverrides() throws {
    let refs = try scanModule("""
      from vllm.platforms.interface import Platform as Base
      import vllm.worker

      class AscendPlatform(Base, metaclass=Meta):
          device_name = "npu"
          def get_device_name(self): pass
          @classmethod
          def is_async(cls): pass
          if True:
              def gated(self): pass

      class Local:
          def f(self): pass

      class Runner(vllm.worker.Worker, Local):
          pass
      """)
    let subclasses = refs.filter { $0.kind == .subclass }
    #expect(subclasses.map(\.target) == ["vllm.platforms.interface.Platform", "vllm.worker.Worker"])
    #expect(subclasses.map(\.pluginSymbol) == ["pkg.mod.AscendPlatform", "pkg.mod.Runner"])
    #expect(subclasses.map(\.overrides) == [["get_device_name", "is_async", "gated"], []])
    #expect(subclasses.map(\.via) == ["base", "base"])
  }

  @Test func superInitInsideUpstreamSubclass() throws {
    let refs = try scanModule("""
      from vllm.worker import Worker

      class MsWorker(Worker):
          def __init__(self, config, *args, **kwargs):
              super().__init__(config, *args, rank=0, **kwargs)
              super(MsWorker, self).load()

      class Plain:
          def __init__(self):
              super().__init__()

      class Mixed(Plain, Worker):
          def __init__(self):
              super().__init__()
      """)
    let calls = refs.filter { $0.kind == .call }
    #expect(calls.map(\.target) == ["vllm.worker.Worker.__init__", "vllm.worker.Worker.load"])
    #expect(calls.map(\.via) == ["super", "super"])
    #expect(calls[0].pluginSymbol == "pkg.mod.MsWorker.__init__")
    #expect(calls[0].arguments == CallArguments(positional: 1, keywords: ["rank"], hasStarArgs: true, hasStarStarKwargs: true))
  }

  @Test func callsWithArgumentShapes() throws {
    let refs = try scanModule("""
      import vllm.x
      from vllm.config import CacheConfig

      def build(a, kw):
          cfg = CacheConfig(1, 2, block_size=16, dtype=f(x=1))
          vllm.x.f(*a, **kw)
          return vllm.x.g(lambda p, q=1: p, (y for y in a))

      obj.CacheConfig(3)
      vllm.x.context().flag = 1
      """)
    let calls = refs.filter { $0.kind == .call }
    #expect(calls.map(\.target) == ["vllm.config.CacheConfig", "vllm.x.f", "vllm.x.g", "vllm.x.context"])
    #expect(calls.map(\.pluginSymbol) == ["pkg.mod.build", "pkg.mod.build", "pkg.mod.build", "pkg.mod"])
    #expect(calls.map(\.arguments) == [
      CallArguments(positional: 2, keywords: ["block_size", "dtype"]),
      CallArguments(positional: 0, keywords: [], hasStarArgs: true, hasStarStarKwargs: true),
      CallArguments(positional: 2, keywords: []),
      CallArguments(positional: 0, keywords: []),
    ])
  }

  @Test func aliasOfUpstreamAttributeIsFollowed() throws {
    let refs = try scanModule("""
      from vllm.worker import Worker
      original = Worker.__init__
      def patched(self, *a):
          original(self, *a)
      """)
    let calls = refs.filter { $0.kind == .call }
    #expect(calls.map(\.target) == ["vllm.worker.Worker.__init__"])
    #expect(calls.first?.arguments == CallArguments(positional: 1, keywords: [], hasStarArgs: true))
  }

  @Test func callsInsideFormattedStrings() throws {
    let refs = try scanModule("""
      from vllm.utils import random_uuid, name
      def make():
          plain = "{random_uuid()}"
          return (f"id-{{x}}-{random_uuid()!r:>{width}}",
                  f\"\"\"
                  {name} {random_uuid(
                      4)}\"\"\")
      """)
    let calls = refs.filter { $0.kind == .call }
    #expect(calls.map { "\($0.location.line) \($0.target)" } == [
      "4 vllm.utils.random_uuid", "6 vllm.utils.random_uuid",
    ])
    #expect(calls.map(\.arguments) == [CallArguments(positional: 0, keywords: []), CallArguments(positional: 1, keywords: [])])
    #expect(calls.allSatisfy { $0.pluginSymbol == "pkg.mod.make" })
  }

  @Test func originalsSavedInModuleGlobalsAreUpstream() throws {
    let refs = try scanModule("""
      _original = None

      def replacement(*args, **kwargs):
          import pkg
          return _original(*args, **kwargs)

      def install():
          global _original
          import vllm.entrypoints.cli.serve as serve
          _original = serve.run_worker
          serve.run_worker = replacement
      """)
    #expect(refs.filter { $0.kind == .call }.map { "\($0.location.line) \($0.target) \($0.pluginSymbol ?? "-")" } == [
      "5 vllm.entrypoints.cli.serve.run_worker pkg.mod.replacement",
    ])
    #expect(summary(refs) == ["11 wrap vllm.entrypoints.cli.serve.run_worker <- pkg.mod.replacement (assign)"])
  }

  @Test func importsGuardedByTryKeepTheirUpstreamMeaning() throws {
    let refs = try scanModule("""
      try:
          from vllm.models.qwen3_vl import Block
      except ImportError:
          Block = object
      except Exception:
          raise
      else:
          pass
      finally:
          pass
      class MyBlock(Block):
          pass
      """)
    #expect(refs.filter { $0.kind == .subclass }.map(\.target) == ["vllm.models.qwen3_vl.Block"])
  }
}
