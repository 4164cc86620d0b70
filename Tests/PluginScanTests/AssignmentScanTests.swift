import PluginScan
import Testing

@Suite struct AssignmentScanTests {
  @Test func dottedImportThenAttributeAssignment() throws {
    let refs = try scanModule("""
      import vllm.x
      from pkg.impl import f
      vllm.x.A.b = f
      """)
    #expect(summary(refs) == ["3 replace vllm.x.A.b <- pkg.impl.f (assign)"])
  }

  @Test func aliasedModuleImport() throws {
    let refs = try scanModule("""
      import vllm.x as vx
      def f(self): pass
      vx.A.b = f
      """)
    #expect(summary(refs) == ["3 replace vllm.x.A.b <- pkg.mod.f (assign)"])
  }

  @Test func fromImportedClass() throws {
    let refs = try scanModule("""
      from vllm.x import A as Alias
      from .impl import f
      Alias.b = f
      """)
    #expect(summary(refs) == ["3 replace vllm.x.A.b <- pkg.impl.f (assign)"])
  }

  @Test func fromImportedModule() throws {
    let refs = try scanModule("""
      from vllm import x
      x.A.b = 1
      """)
    #expect(summary(refs) == ["2 replace vllm.x.A.b <- - (assign)"])
  }

  @Test func moduleAttributeAssignment() throws {
    let refs = try scanModule("""
      import vllm.config
      from pkg.platform import AscendPlatform
      platform = AscendPlatform()
      vllm.config.current_platform = platform
      """)
    #expect(summary(refs) == ["4 replace vllm.config.current_platform <- pkg.mod.platform (assign)"])
  }

  @Test func setattrWithModulePathAndImportedClass() throws {
    let refs = try scanModule("""
      import vllm.x
      from vllm.x import A
      from pkg.impl import f
      setattr(vllm.x.A, "b", f)
      setattr(A, "c", f)
      setattr(self, "d", f)
      """)
    #expect(summary(refs) == [
      "4 replace vllm.x.A.b <- pkg.impl.f (setattr)",
      "5 replace vllm.x.A.c <- pkg.impl.f (setattr)",
    ])
  }

  @Test func sysModulesReplacement() throws {
    let refs = try scanModule("""
      import sys
      from pkg import ms_parser
      sys.modules["vllm.entrypoints.parser"] = ms_parser
      sys.modules["torch.foo"] = ms_parser
      """)
    #expect(summary(refs) == ["3 module vllm.entrypoints.parser <- pkg.ms_parser (sys.modules)"])
  }

  @Test func wrappedOriginal() throws {
    let refs = try scanModule("""
      from vllm.worker import Worker
      from pkg.profile import wrap, bind
      Worker.__init__ = bind(wrap(Worker.__init__))
      Worker.run = wrap(Worker.other)
      """)
    #expect(summary(refs) == [
      "3 wrap vllm.worker.Worker.__init__ <- pkg.profile.bind (assign)",
      "4 replace vllm.worker.Worker.run <- pkg.profile.wrap (assign)",
    ])
  }

  @Test func replacementCallingASavedOriginalWraps() throws {
    let refs = try scanModule("""
      from vllm.worker import Worker
      def patch_worker():
          original = Worker.execute
          def execute(self, *args):
              return original(self, *args)
          Worker.execute = execute
          Worker.other = execute
      """)
    #expect(summary(refs) == [
      "6 wrap vllm.worker.Worker.execute <- pkg.mod.patch_worker.execute (assign)",
      "7 replace vllm.worker.Worker.other <- pkg.mod.patch_worker.execute (assign)",
    ])
  }

  @Test func staticAndClassMethods() throws {
    let refs = try scanModule("""
      from vllm.x import A
      from pkg.impl import g, h
      A.f = staticmethod(g)
      A.k = classmethod(h)
      """)
    #expect(summary(refs) == [
      "3 replace vllm.x.A.f <- pkg.impl.g (staticmethod)",
      "4 replace vllm.x.A.k <- pkg.impl.h (classmethod)",
    ])
  }

  @Test func chainedAndTupleTargets() throws {
    let refs = try scanModule("""
      import vllm.x
      from pkg.impl import f, g
      vllm.x.a = vllm.x.b = f
      vllm.x.c, (vllm.x.d, local) = f, (g, 1)
      """)
    #expect(summary(refs) == [
      "3 replace vllm.x.a <- pkg.impl.f (assign)",
      "3 replace vllm.x.b <- pkg.impl.f (assign)",
      "4 replace vllm.x.c <- pkg.impl.f (assign)",
      "4 replace vllm.x.d <- pkg.impl.g (assign)",
    ])
    #expect(refs.filter { $0.kind == .replace }.map(\.location.column) == [1, 12, 1, 12])
  }

  @Test func patchesInsideFunctionsUseLocalImportsAndDefinitions() throws {
    let refs = try scanModule("""
      def patch_runner():
          from vllm.v1.worker import gpu_model_runner as gmr
          def _prepare_inputs(self):
              pass
          gmr.GPUModelRunner._prepare_inputs = _prepare_inputs

      class Patches:
          def apply(self):
              import vllm.utils
              vllm.utils.f = lambda: None
      """)
    #expect(summary(refs) == [
      "5 replace vllm.v1.worker.gpu_model_runner.GPUModelRunner._prepare_inputs <- pkg.mod.patch_runner._prepare_inputs (assign)",
      "10 replace vllm.utils.f <- - (assign)",
    ])
  }

  @Test func shadowedNamesAreNotUpstream() throws {
    let refs = try scanModule("""
      from vllm.x import A
      def f(A):
          A.b = 1
      def g():
          A = object()
          A.c = 2
      def h(items, path):
          for i, A in items:
              A.d = 3
      handlers = [lambda A, n=1: A.run(n), lambda: A.stop()]
      names = [A.name() for A in handlers if A.ok()] + list(A.x() for i, A in enumerate(handlers))
      def k(path):
          with open(path) as A:
              A.e = 4
          try:
              pass
          except OSError as A:
              A.f = 5
      """)
    #expect(summary(refs).isEmpty)
    #expect(refs.filter { $0.kind == .call }.map(\.target) == ["vllm.x.A.stop"])
  }
}
