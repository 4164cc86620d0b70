import PluginScan
import Testing

@Suite struct ImportScanTests {
  @Test func everyImportForm() throws {
    let refs = try scanModule("""
      import vllm
      import vllm.config, torch
      import vllm.v1.worker as w
      from vllm.config import CacheConfig as CC, ModelConfig
      from vllm import (envs,
                        utils)
      from vllm.x import *
      from . import sibling
      from .impl import f
      import pkg.other

      def lazy():
          from vllm.logger import init_logger
      """)
    let imports = refs.filter { $0.kind == .import }
    #expect(imports.map { "\($0.location.line) \($0.target) (\($0.via))" } == [
      "1 vllm (import)",
      "2 vllm.config (import)",
      "3 vllm.v1.worker (import)",
      "4 vllm.config.CacheConfig (from-import)",
      "4 vllm.config.ModelConfig (from-import)",
      "5 vllm.envs (from-import)",
      "6 vllm.utils (from-import)",
      "7 vllm.x (from-import-star)",
      "13 vllm.logger.init_logger (from-import)",
    ])
    #expect(imports.last?.pluginSymbol == "pkg.mod.lazy")
    #expect(imports.allSatisfy { $0.isTypeCheckingOnly == nil })
  }

  @Test func typeCheckingImports() throws {
    let refs = try scanModule("""
      import typing
      from typing import TYPE_CHECKING
      if TYPE_CHECKING:
          from vllm.config import VllmConfig
      else:
          VllmConfig = None
      if typing.TYPE_CHECKING:
          import vllm.worker
      from vllm.utils import f
      """)
    let imports = refs.filter { $0.kind == .import }
    #expect(imports.map(\.target) == ["vllm.config.VllmConfig", "vllm.worker", "vllm.utils.f"])
    #expect(imports.map(\.isTypeCheckingOnly) == [true, true, nil])
  }

  @Test func relativeImportsStayInThePlugin() throws {
    let result = try scanFixture([
      "pkg/__init__.py": "from .sub import thing\n",
      "pkg/sub/__init__.py": "from ..helpers import g\nfrom . import mod\n",
      "pkg/sub/mod.py": "from ..helpers import g\nimport vllm.x\nvllm.x.h = g\n",
    ])
    #expect(result.references.filter { $0.kind == .import }.map(\.target) == ["vllm.x"])
    #expect(summary(result.references) == ["3 replace vllm.x.h <- pkg.helpers.g (assign)"])
  }

  @Test func eitherBranchOfAConditionalImportCounts() throws {
    let refs = try scanModule("""
      if is_310p():
          from vllm.lora.ops import sgmv_shrink
      else:
          from pkg.ops import sgmv_shrink
      def run(x):
          sgmv_shrink(x)
      """)
    #expect(refs.filter { $0.kind == .call }.map(\.target) == ["vllm.lora.ops.sgmv_shrink"])
  }

  @Test func dynamicImportsOfLiteralNames() throws {
    let refs = try scanModule("""
      import importlib
      def load(name):
          importlib.import_module("vllm.model_executor.models.llama")
          __import__("vllm.config")
          importlib.import_module(name)
          importlib.import_module("torch")
      """)
    #expect(refs.map { "\($0.kind.rawValue) \($0.target) (\($0.via))" } == [
      "import vllm.model_executor.models.llama (import_module)",
      "import vllm.config (import_module)",
    ])
  }
}
