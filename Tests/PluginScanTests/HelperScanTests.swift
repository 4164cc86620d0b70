import Foundation
import PluginScan
import Testing

@Suite struct HelperScanTests {
  @Test func updateModulesReplacesAModule() throws {
    let refs = try scanModule("""
      from .utils import update_modules
      from pkg.v1.attention.backends import ms_attn
      update_modules("vllm.v1.attention.backends.flash_attn", ms_attn)
      update_modules(name="vllm.other", module=ms_attn)
      update_modules("torch.x", ms_attn)
      """)
    #expect(summary(refs) == [
      "3 module vllm.v1.attention.backends.flash_attn <- pkg.v1.attention.backends.ms_attn (helper:update_modules)",
      "4 module vllm.other <- pkg.v1.attention.backends.ms_attn (helper:update_modules)",
    ])
  }

  @Test func patchDecoratorsNameTheirTargets() throws {
    let refs = try scanModule("""
      from pkg.registry import patch, register_patch

      @patch("vllm.worker", "Worker.execute")
      def execute(self):
          pass

      @register_patch("vllm.config.ModelConfig.verify")
      def verify(self):
          pass

      @patch("vllm.worker.Worker.stop")
      def stop(self):
          pass

      @patch("vllm.worker", attribute)
      def dynamic(self):
          pass
      """)
    #expect(summary(refs) == [
      "3 replace vllm.worker.Worker.execute <- pkg.mod.execute (decorator:patch)",
      "7 replace vllm.config.ModelConfig.verify <- pkg.mod.verify (decorator:register_patch)",
      "11 replace vllm.worker.Worker.stop <- pkg.mod.stop (decorator:patch)",
    ])
  }

  @Test func configuredCustomHelper() throws {
    let yaml = """
      include_defaults: false
      helpers:
        - name: swap_attr
          kind: wrap
          target: {position: 0, keyword: owner}
          attribute: 1
          replacement: 2
      """
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).yaml")
    try Data(yaml.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let configuration = try ScanConfiguration.load(from: url)
    let refs = try scanModule("""
      from vllm.x import A
      from pkg.impl import f, swap_attr, update_modules
      swap_attr(A, "run", f)
      update_modules("vllm.y", f)
      """, configuration: configuration)
    #expect(summary(refs) == ["3 wrap vllm.x.A.run <- pkg.impl.f (helper:swap_attr)"])
  }

  @Test func upstreamDecoratorsAreCalls() throws {
    let refs = try scanModule("""
      from vllm.compilation.decorators import support_torch_compile
      import vllm.utils

      @support_torch_compile
      class Model:
          pass

      @vllm.utils.deprecated(reason="x")
      def old():
          pass
      """)
    let calls = refs.filter { $0.kind == .call }
    #expect(calls.map(\.target) == ["vllm.compilation.decorators.support_torch_compile", "vllm.utils.deprecated"])
    #expect(calls.map(\.via) == ["decorator", "call"])
    #expect(calls[0].pluginSymbol == "pkg.mod.Model")
    #expect(calls[1].arguments == CallArguments(positional: 0, keywords: ["reason"]))
  }
}
