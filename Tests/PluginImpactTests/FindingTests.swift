import APIModel
import Foundation
import GitReleases
import PluginImpact
import PluginScan
import Testing
import _TestSupport

@Suite struct FindingTests {
  @Test func importedNameGoneFailsAtImport() throws {
    let report = try impact(
      old: ["vllm/a.py": "def f(): pass\ndef g(): pass\n"], new: ["vllm/a.py": "def g(): pass\n"],
      [reference(.import, "vllm.a.f", plugin: "vllm_mindspore.patch", line: 3), reference(.import, "vllm.a.g")])
    #expect(report.ids == ["import_removed"])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .error)
    #expect(finding.finding.category == .fails)
    #expect(finding.target == "vllm.a.f")
    #expect(finding.plugin == SourceLocation(file: "vllm_mindspore/patch.py", line: 3))
    #expect(finding.upstream == SourceLocation(file: "vllm/a.py", line: 1))
  }

  @Test func movedTargetSuggestsWhereItWent() throws {
    let report = try impact(
      old: ["vllm/a.py": "class Foo:\n    def run(self): pass\n", "vllm/b.py": ""],
      new: ["vllm/a.py": "", "vllm/b.py": "class Foo:\n    def run(self): pass\n"],
      [reference(.replace, "vllm.a.Foo", plugin: "vllm_mindspore.patch.Foo")])
    #expect(report.ids == ["patch_target_removed"])
    #expect(report.findings.first?.suggestedTarget == "vllm.b.Foo")
    #expect(report.findings.first?.finding.category == .silent)
  }

  @Test func moduleGoneIsReported() throws {
    let report = try impact(
      old: ["vllm/__init__.py": "", "vllm/old.py": "X = 1\n"], new: ["vllm/__init__.py": ""],
      [reference(.import, "vllm.old"), reference(.module, "vllm.old", plugin: "vllm_mindspore.old", line: 2)])
    #expect(report.ids == ["module_removed", "module_removed"])
  }

  @Test func subclassedBaseGoneFailsAtImport() throws {
    let report = try impact(
      old: ["vllm/w.py": "class Worker:\n    pass\n"], new: ["vllm/w.py": "class NewWorker:\n    pass\n"],
      [reference(.subclass, "vllm.w.Worker", plugin: "vllm_mindspore.w.MSWorker", overrides: [])])
    #expect(report.ids == ["subclass_base_removed"])
  }

  @Test func wrappedOriginalGoneFailsAtImport() throws {
    let report = try impact(
      old: ["vllm/a.py": "def f(): pass\n"], new: ["vllm/a.py": "def g(): pass\n"],
      [reference(.wrap, "vllm.a.f", plugin: "vllm_mindspore.patch.wrapped")])
    #expect(report.ids == ["wrap_target_removed"])
  }

  @Test func calledFunctionGoneIsReported() throws {
    let report = try impact(
      old: ["vllm/a.py": "def f(x): pass\n"], new: ["vllm/a.py": "def g(x): pass\n"],
      [reference(.call, "vllm.a.f", arguments: CallArguments(positional: 1, keywords: []))])
    #expect(report.ids == ["call_target_removed"])
  }

  @Test func callArgumentsThatNoLongerBindAreReported() throws {
    let old = ["vllm/a.py": "def f(a, b=1): pass\nclass C:\n    def __init__(self, x, y=0): pass\n"]
    let new = ["vllm/a.py": "def f(a, *, c): pass\nclass C:\n    def __init__(self, x, *, z=0): pass\n"]
    let report = try impact(old: old, new: new, [
      reference(.call, "vllm.a.f", line: 1, arguments: CallArguments(positional: 2, keywords: [])),
      reference(.call, "vllm.a.C", line: 2, arguments: CallArguments(positional: 1, keywords: ["y"])),
      // `**kwargs` in the call may supply anything: not reported.
      reference(.call, "vllm.a.f", line: 3, arguments: CallArguments(positional: 1, keywords: [], hasStarStarKwargs: true)),
    ])
    #expect(report.ids == ["call_arguments_mismatch", "call_arguments_mismatch"])
    // Report order is by target: `vllm.a.C` before `vllm.a.f`.
    #expect(report.findings[0].details == ["unknown keyword 'y'"])
    #expect(report.findings[1].details == ["2 positional arguments, at most 1 accepted", "missing required argument 'c'"])
  }

  @Test func patchedAttributeGoneIsSilent() throws {
    let report = try impact(
      old: ["vllm/a.py": "class A:\n    limit = 4\n"], new: ["vllm/a.py": "class A:\n    pass\n"],
      [reference(.replace, "vllm.a.A.limit", plugin: "vllm_mindspore.patch.LIMIT")])
    #expect(report.ids == ["patch_target_removed"])
    #expect(report.findings.first?.message.contains("the assignment just creates it") == true)
    // A member may come from a base outside the snapshot: the message says so.
    let external = try impact(
      old: ["vllm/a.py": "import torch\nclass A(torch.nn.Module):\n    limit = 1\n"],
      new: ["vllm/a.py": "import torch\nclass A(torch.nn.Module):\n    pass\n"],
      [reference(.replace, "vllm.a.A.limit", plugin: "vllm_mindspore.patch.LIMIT")])
    #expect(external.findings.first?.message.hasSuffix("(unless inherited from `torch.nn.Module`, outside the snapshot)") == true)
  }

  @Test func patchOnReexportNamesTheModulesItMisses() throws {
    let old = ["vllm/api.py": "def g(): pass\n", "vllm/user.py": "from vllm.api import g\n"]
    let new = [
      "vllm/impl.py": "def g(): pass\n", "vllm/api.py": "from vllm.impl import g\n",
      "vllm/user.py": "from vllm.impl import g\n",
    ]
    let patch = reference(.replace, "vllm.api.g", plugin: "vllm_mindspore.patch.g")
    let report = try impact(old: old, new: new, [patch])
    #expect(report.ids == ["patch_on_reexport"])
    let finding = try #require(report.findings.first)
    #expect(finding.upstream == SourceLocation(file: "vllm/impl.py", line: 1))
    #expect(finding.details == ["`vllm.impl.g` (vllm/impl.py:1)", "`vllm.user.g` (vllm/user.py:1)"])
    // Patched everywhere: nothing is missed.
    let everywhere = try impact(old: old, new: new, [
      patch, reference(.replace, "vllm.impl.g", plugin: "vllm_mindspore.patch.g", line: 2),
      reference(.replace, "vllm.user.g", plugin: "vllm_mindspore.patch.g", line: 3),
    ])
    #expect(everywhere.ids.isEmpty)
    // A method patched through a re-exported class reaches the one class object.
    let method = try impact(
      old: ["vllm/api.py": "class A:\n    def f(self): pass\n"],
      new: ["vllm/impl.py": "class A:\n    def f(self): pass\n", "vllm/api.py": "from vllm.impl import A\n"],
      [reference(.replace, "vllm.api.A.f", plugin: "vllm_mindspore.patch.f")])
    #expect(method.ids.isEmpty)
  }

  @Test func replacementSignatureMismatchIsReported() throws {
    let plugin = ["vllm_mindspore/patch.py": "def forward(self, x):\n    return x\n"]
    let report = try impact(
      old: ["vllm/m.py": "class M:\n    def forward(self, x): pass\n"],
      new: ["vllm/m.py": "class M:\n    def forward(self, hidden, scale=1.0): pass\n"],
      [reference(.replace, "vllm.m.M.forward", plugin: "vllm_mindspore.patch.forward")], plugin: plugin)
    #expect(report.ids == ["signature_mismatch"])
    #expect(report.findings.first?.details == ["keyword 'hidden' is 'x' in the replacement", "missing parameter 'scale'"])
    // The same upstream change with a replacement that takes everything: compatible.
    let tolerant = try impact(
      old: ["vllm/m.py": "class M:\n    def forward(self, x): pass\n"],
      new: ["vllm/m.py": "class M:\n    def forward(self, hidden, scale=1.0): pass\n"],
      [reference(.replace, "vllm.m.M.forward", plugin: "vllm_mindspore.patch.forward")],
      plugin: ["vllm_mindspore/patch.py": "def forward(self, *args, **kwargs):\n    pass\n"])
    #expect(tolerant.ids.isEmpty)
  }

  @Test func abstractMethodAddedToBaseIsReported() throws {
    let old = "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def run(self): ...\n"
    let new = old + "    @abstractmethod\n    def stop(self, force: bool) -> None: ...\n"
    let report = try impact(
      old: ["vllm/base.py": old], new: ["vllm/base.py": new],
      [reference(.subclass, "vllm.base.Base", plugin: "vllm_mindspore.w.Impl", overrides: ["run"])])
    #expect(report.ids == ["abstract_method_added"])
    #expect(report.findings.first?.details == ["`stop` (vllm/base.py:6)"])
  }

  @Test func overriddenMethodSignatureChangeIsReported() throws {
    let report = try impact(
      old: ["vllm/base.py": "class Base:\n    def forward(self, x): pass\n    def other(self): pass\n"],
      new: ["vllm/base.py": "class Base:\n    def forward(self, x, mask=None): pass\n    def other(self, y): pass\n"],
      [reference(.subclass, "vllm.base.Base", plugin: "vllm_mindspore.w.Impl", overrides: ["forward"])])
    #expect(report.ids == ["override_signature_changed"])
    #expect(report.findings.first?.details == ["`forward`: `(self, x)` → `(self, x, mask=None)` (vllm/base.py:2)"])
  }

  @Test func importOfTypeCheckingOnlyNameIsReported() throws {
    let typed = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from vllm.b import T\n"
    let report = try impact(
      old: ["vllm/a.py": "from vllm.b import T\n", "vllm/b.py": "class T: pass\n"],
      new: ["vllm/a.py": typed, "vllm/b.py": "class T: pass\n"],
      [
        reference(.import, "vllm.a.T"),
        // The plugin's own TYPE_CHECKING imports do not run.
        reference(.import, "vllm.a.Gone", typeCheckingOnly: true),
      ])
    #expect(report.ids == ["import_type_checking_only"])
    // A module `__getattr__` provides its TYPE_CHECKING declarations at run time.
    let lazy = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    T: int\ndef __getattr__(name):\n    return 1\n"
    #expect(try impact(old: ["vllm/a.py": "T = 1\n"], new: ["vllm/a.py": lazy], [reference(.import, "vllm.a.T")]).ids.isEmpty)
  }

  @Test func importsOfOutsideObjectsAndLazyNamesExist() throws {
    // `vllm.a.Mapping` is `collections.abc.Mapping` and `vllm.a.platform` is provided by the
    // `__getattr__` of `vllm.b`: both can be imported from `vllm.a`, though neither resolves
    // to a definition in the snapshot.
    let lazy = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    platform: int\ndef __getattr__(name):\n    return 1\n"
    let a = "from collections.abc import Mapping\nfrom vllm.b import platform\n"
    let files = ["vllm/a.py": a, "vllm/b.py": lazy]
    let report = try impact(old: files, new: files, [
      reference(.import, "vllm.a.Mapping"), reference(.import, "vllm.a.platform"),
      reference(.replace, "vllm.a.platform", plugin: "vllm_mindspore.platform"),
    ])
    #expect(report.ids.isEmpty)
    let removed = try impact(old: files, new: ["vllm/a.py": "X = 1\n", "vllm/b.py": lazy], [reference(.import, "vllm.a.Mapping")])
    #expect(removed.ids == ["import_removed"])
  }

  @Test func bodyChangeCarriesTheUpstreamDiff() throws {
    let old = "def helper():\n    return 1\n\n\ndef f(x):\n    y = x + 1\n    return y\n\n\nZ = 3\n"
    let new = "def helper():\n    return 1\n\n\ndef f(x):\n    y = x + 2\n    return y\n\n\nZ = 3\n"
    let repo = try makeGitRepo(versions: [("v0.1.0", ["vllm/a.py": old]), ("v0.2.0", ["vllm/a.py": new])])
    defer { try? FileManager.default.removeItem(at: repo.deletingLastPathComponent()) }
    let scan = PluginScanResult(
      package: "vllm_mindspore", references: [reference(.replace, "vllm.a.f", plugin: "vllm_mindspore.patch.f")],
      diagnostics: [])
    let analysis = ImpactAnalysis(from: snapshot("v0.1.0", ["vllm/a.py": old]), to: snapshot("v0.2.0", ["vllm/a.py": new]))
    let report = analysis.run(scan, plugin: nil, definitions: DefinitionSource(repository: try GitRepository(at: repo)))
    #expect(report.ids == ["body_changed"])
    let finding = try #require(report.findings.first)
    #expect(finding.severity == .warning)
    #expect(finding.diff == """
      --- v0.1.0/vllm/a.py
      +++ v0.2.0/vllm/a.py
      @@ -5,3 +5,3 @@
       def f(x):
      -    y = x + 1
      +    y = x + 2
           return y

      """)
  }

  @Test func lanesLimitWhereAReferenceIsChecked() throws {
    let old = ["vllm/a.py": "def f(): pass\n"]
    let new = ["vllm/a.py": ""]
    let pinned = reference(.import, "vllm.a.f", lane: [VersionConstraint(op: "==", version: "0.1.0")])
    #expect(try impact(old: old, new: new, [pinned]).ids.isEmpty)
    #expect(try impact(old: old, new: new, [pinned]).checked == 0)
    let open = reference(.import, "vllm.a.f", lane: [VersionConstraint(op: ">=", version: "0.1.0")])
    #expect(try impact(old: old, new: new, [open]).ids == ["import_removed"])
    #expect(Lane.admits([VersionConstraint(op: "<", version: "0.10")], release: "v0.9.1"))
    #expect(!Lane.admits([VersionConstraint(op: "<", version: "0.10")], release: "v0.10.1"))
    #expect(Lane.admits([VersionConstraint(op: "!=", version: "0.9.1")], release: "v0.9.2"))
  }

  @Test func unchangedReleasesYieldNothing() throws {
    let files = ["vllm/a.py": "class A:\n    def f(self, x): pass\n", "vllm/b.py": "from vllm.a import A\n"]
    let report = try impact(old: files, new: files, [
      reference(.import, "vllm.b.A"), reference(.replace, "vllm.a.A.f", plugin: "vllm_mindspore.patch.f"),
      reference(.subclass, "vllm.a.A", plugin: "vllm_mindspore.patch.B", overrides: ["f"]),
      reference(.call, "vllm.a.A", arguments: CallArguments(positional: 0, keywords: [])),
    ])
    #expect(report.ids.isEmpty)
    #expect(report.checked == 4)
  }
}
