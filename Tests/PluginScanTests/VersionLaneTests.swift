import PluginScan
import Testing

@Suite struct VersionLaneTests {
  /// The lanes of the upstream calls `vllm.x.f<N>()`, by N.
  func lanes(_ source: String) throws -> [String] {
    try scanModule("import vllm.x\nfrom pkg.utils import vllm_version_is\n" + source)
      .filter { $0.kind == .call }
      .map { "\($0.target.dropFirst("vllm.x.".count)): \($0.lane?.map(\.description).joined(separator: ", ") ?? "any")" }
  }

  @Test func helperWithElseAndNot() throws {
    #expect(try lanes("""
      if vllm_version_is("0.9.1"):
          vllm.x.f1()
      else:
          vllm.x.f2()
      if not vllm_version_is("0.10.0"):
          vllm.x.f3()
      vllm.x.f4()
      if not not vllm_version_is("0.8"):
          vllm.x.f5()
      """) == ["f1: == 0.9.1", "f2: != 0.9.1", "f3: != 0.10.0", "f4: any", "f5: == 0.8"])
  }

  @Test func elifNegatesEarlierBranches() throws {
    #expect(try lanes("""
      if vllm_version_is("0.9.1"):
          vllm.x.f1()
      elif vllm_version_is("0.9.2"):
          vllm.x.f2()
      elif other_flag:
          vllm.x.f3()
      else:
          vllm.x.f4()
      """) == [
        "f1: == 0.9.1", "f2: != 0.9.1, == 0.9.2", "f3: != 0.9.1, != 0.9.2", "f4: != 0.9.1, != 0.9.2",
      ])
  }

  @Test func comparisonsOnTheUpstreamVersion() throws {
    #expect(try lanes("""
      import vllm
      from importlib.metadata import version
      from packaging.version import Version
      import packaging.version
      if vllm.__version__ >= "0.10":
          vllm.x.f1()
      if version("vllm") < "0.9":
          vllm.x.f2()
      if packaging.version.parse(vllm.__version__) >= Version("0.10"):
          vllm.x.f3()
      if "0.11.0" <= Version(version("vllm")):
          vllm.x.f4()
      if version("torch") < "2.0":
          vllm.x.f5()
      """) == ["f1: >= 0.10", "f2: < 0.9", "f3: >= 0.10", "f4: >= 0.11.0", "f5: any"])
  }

  @Test func nestedGatesAccumulateAndReachFunctionBodies() throws {
    #expect(try lanes("""
      if vllm.__version__ >= "0.9":
          if vllm_version_is("0.9.1") and ready:
              def patched():
                  vllm.x.f1()
          else:
              vllm.x.f2()
          vllm.x.f3()
      """) == ["f1: >= 0.9, == 0.9.1", "f2: >= 0.9", "f3: >= 0.9"])
  }

  @Test func configuredVersionHelper() throws {
    let configuration = ScanConfiguration(
      upstreamPackage: "vllm", versionHelpers: [VersionHelper(name: "is_at_least", op: ">=")])
    let refs = try scanModule("""
      import vllm.x
      if is_at_least("0.11"):
          vllm.x.f()
      """, configuration: configuration)
    #expect(refs.filter { $0.kind == .call }.map(\.lane) == [[VersionConstraint(op: ">=", version: "0.11")]])
  }

  @Test func namesImportedPerLaneCarryTheirLaneToUses() throws {
    let refs = try scanModule("""
      from pkg.utils import vllm_version_is
      if vllm_version_is("0.11.0"):
          from vllm.attention import Attention
          from vllm.config import Config
      else:
          from vllm.attention.layer import Attention
          from vllm.config import Config
      class Layer(Attention):
          def __init__(self):
              super().__init__(1)
      def build():
          return Attention(Config())
      """)
    let uses = refs.filter { $0.kind != .import }.map {
      "\($0.location.line) \($0.kind.rawValue) \($0.target): \($0.lane?.map(\.description).joined(separator: ", ") ?? "any")"
    }
    #expect(uses == [
      "8 subclass vllm.attention.Attention: == 0.11.0",
      "8 subclass vllm.attention.layer.Attention: != 0.11.0",
      "10 call vllm.attention.Attention.__init__: == 0.11.0",
      "10 call vllm.attention.layer.Attention.__init__: != 0.11.0",
      "12 call vllm.attention.Attention: == 0.11.0",
      "12 call vllm.attention.layer.Attention: != 0.11.0",
      "12 call vllm.config.Config: any",
    ])
  }

  @Test func versionTestsAndVersionsKeptInNames() throws {
    #expect(try lanes("""
      from importlib.metadata import version
      IS_091 = vllm_version_is("0.9.1")
      VLLM = version("vllm")
      if IS_091:
          vllm.x.f1()
      if not IS_091:
          vllm.x.f2()
      def later():
          if VLLM < "0.10":
              vllm.x.f3()
      """) == ["f1: == 0.9.1", "f2: != 0.9.1", "f3: < 0.10"])
  }
}
