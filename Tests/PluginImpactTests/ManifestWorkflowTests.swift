import AdapterManifests
import APIModel
import Foundation
import PluginImpact
import PluginScan
import Testing

@Suite struct ManifestWorkflowTests {
  static let v1: [String: String] = [
    "vllm/__init__.py": "",
    "vllm/a.py": "def f(x, y=1):\n    return x + y\n\n\ndef g():\n    pass\n",
    "vllm/base.py": "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def run(self): ...\n    def forward(self, x): pass\n",
    "vllm/old.py": "class Mover:\n    pass\n",
  ]
  static let v2: [String: String] = [
    "vllm/__init__.py": "",
    "vllm/a.py": "def f(x, y=2, *, z=None):\n    return x * y\n\n\ndef g():\n    pass\n",
    "vllm/base.py": "from abc import ABC, abstractmethod\nclass Base(ABC):\n    @abstractmethod\n    def run(self): ...\n    @abstractmethod\n    def stop(self, force: bool = False) -> None: ...\n    def forward(self, x, mask=None): pass\n",
    "vllm/new.py": "class Mover:\n    pass\n",
  ]
  static let plugin = ["vllm_mindspore/patch.py": "def f(x, y=1):\n    return x\n\ndef h(x):\n    pass\n"]

  static let scan = PluginScanResult(package: "vllm_mindspore", references: [
    reference(.replace, "vllm.a.f", plugin: "vllm_mindspore.patch.f", line: 3),
    reference(.replace, "vllm.a.g", plugin: "vllm_mindspore.patch.h", line: 4),
    reference(.subclass, "vllm.base.Base", plugin: "vllm_mindspore.patch.Impl", line: 5, overrides: ["forward", "run"]),
    reference(.import, "vllm.old.Mover", plugin: "vllm_mindspore.patch", line: 1),
    reference(.import, "vllm.old.Mover", plugin: "vllm_mindspore.patch", line: 9),
    reference(.call, "vllm.a.f", arguments: CallArguments(positional: 1, keywords: [])),
  ], diagnostics: [])

  func build(existing: PatchesManifestV1? = nil) throws -> PatchesManifestV1 {
    let root = try pluginRoot(Self.plugin)
    defer { try? FileManager.default.removeItem(at: root) }
    return ManifestBuilder(view: UpstreamView(snapshot("v0.1.0", Self.v1)), plugin: PluginSource(root: root))
      .build(Self.scan, existing: existing)
  }

  @Test func scanBecomesEntriesVerifiedAgainstTheRevision() throws {
    let manifest = try build()
    #expect(manifest.entries.map(\.key.description) == [
      "replace vllm.a.f (vllm_mindspore.patch.f)", "replace vllm.a.g (vllm_mindspore.patch.h)",
      "subclass vllm.base.Base (vllm_mindspore.patch.Impl)", "import vllm.old.Mover (vllm_mindspore.patch)",
    ])
    let f = manifest.entries[0]
    #expect(f.replaces == .function)
    #expect(f.signature == "(x, y=1)")
    #expect(f.bodyHash != nil)
    #expect(f.status == .verified)
    // `h(x)` replacing `g()` requires an argument upstream callers never pass.
    #expect(manifest.entries[1].status == .needsReview)
    #expect(manifest.entries[1].findings == [
      "signature_mismatch: upstream `vllm.a.g()` does not fit the replacement `(x)`",
    ])
    #expect(manifest.entries[2].overrides == [.init(name: "forward", signature: "(self, x)"), .init(name: "run", signature: "(self)")])
    #expect(manifest.entries[3].at?.line == 1)
  }

  @Test func checkIsCleanAtItsRevisionAndTreatsRecordedStatesAsKnown() throws {
    let manifest = try build()
    let clean = ManifestCheck.check(manifest, against: UpstreamView(snapshot("v0.1.0", Self.v1)))
    #expect(clean.checked == 4)
    #expect(!clean.hasErrors)
    #expect(clean.findings.isEmpty)
    var broken = manifest
    broken.entries[1].status = .verified
    broken.entries[1].signature = "(x)"
    let failing = ManifestCheck.check(broken, against: UpstreamView(snapshot("v0.1.0", Self.v1)))
    #expect(failing.hasErrors)
    #expect(failing.findings.map(\.finding) == [.signatureMismatch])
    // At the next release, without a review, the manifest fails the check.
    let upgraded = ManifestCheck.check(manifest, against: UpstreamView(snapshot("v0.2.0", Self.v2)))
    #expect(upgraded.findings.map(\.finding.rawValue).sorted() == [
      "abstract_method_added", "body_changed", "import_removed", "override_signature_changed", "signature_mismatch",
    ])
    #expect(upgraded.hasErrors)
  }

  @Test func rescanKeepsNotesAndReviewedStatuses() throws {
    var edited = try build()
    edited.entries[0].note = "ported by hand"
    edited.entries[1].status = .broken
    edited.entries[1].note = "MindSpore has no equivalent"
    let again = try build(existing: edited)
    #expect(again.entries[0].note == "ported by hand")
    #expect(again.entries[1].status == .broken)
    #expect(again.entries[1].note == "MindSpore has no equivalent")
    #expect(PatchesManifestWriter.render(again) == PatchesManifestWriter.render(try build(existing: again)))
  }

  func stub(_ manifest: PatchesManifestV1, existing: PatchesManifestV1?) -> StubGenerator.Output {
    StubGenerator(analysis: ImpactAnalysis(from: snapshot("v0.1.0", Self.v1), to: snapshot("v0.2.0", Self.v2)))
      .generate(from: manifest, existing: existing)
  }

  @Test func stubCarriesTheManifestToTheNextRevision() throws {
    let output = stub(try build(), existing: nil)
    let manifest = output.manifest
    #expect(manifest.revision == "v0.2.0")
    #expect(manifest.inherits == "v0.1.0")
    // The untouched `g` entry stays inherited; the rest are rewritten and marked.
    #expect(manifest.entries.map(\.upstream) == ["vllm.a.f", "vllm.base.Base", "vllm.new.Mover"])
    #expect(manifest.entries.allSatisfy { $0.status == .needsReview })
    let moved = manifest.entries[2]
    #expect(moved.movedFrom == "vllm.old.Mover")
    #expect(moved.findings.first?.hasPrefix("import_removed:") == true)
    #expect(manifest.entries[0].findingIDs == ["body_changed", "signature_mismatch"])
    #expect(manifest.entries[1].findingIDs == ["abstract_method_added", "override_signature_changed"])
  }

  @Test func stubIsIdempotentAndKeepsHandEdits() throws {
    let base = try build()
    let first = stub(base, existing: nil).manifest
    #expect(PatchesManifestWriter.render(stub(base, existing: first).manifest) == PatchesManifestWriter.render(first))
    var edited = first
    edited.entries[0].status = .verified
    edited.entries[0].note = "new body ported"
    edited.entries.append(PatchEntry(kind: .import, upstream: "vllm.a.g", plugin: "vllm_mindspore.extra", note: "added by hand"))
    let again = stub(base, existing: edited).manifest
    #expect(again.entries.first { $0.upstream == "vllm.a.f" }?.status == .verified)
    #expect(again.entries.first { $0.upstream == "vllm.a.f" }?.note == "new body ported")
    #expect(again.entries.first { $0.upstream == "vllm.a.g" }?.note == "added by hand")
    #expect(PatchesManifestWriter.render(stub(base, existing: again).manifest) == PatchesManifestWriter.render(again))
  }

  @Test func stubbedManifestChecksCleanAtTheNewRevision() throws {
    let base = try build()
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-stub-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    for (revision, manifest) in [("v0.1.0", base), ("v0.2.0", stub(base, existing: nil).manifest)] {
      try FileManager.default.createDirectory(at: directory.appendingPathComponent(revision), withIntermediateDirectories: true)
      try Data(PatchesManifestWriter.render(manifest).utf8).write(
        to: directory.appendingPathComponent("\(revision)/patches.yaml"))
    }
    let merged = try PatchesManifestLoader(directory: directory.path).load(revision: "v0.2.0")
    #expect(merged.entries.count == 4)
    let report = ManifestCheck.check(merged, against: UpstreamView(snapshot("v0.2.0", Self.v2)))
    #expect(!report.hasErrors)
    #expect(report.findings.allSatisfy { $0.severity == .note })
  }

  @Test func pythonStubsCopyUpstreamSignatures() throws {
    let python = stub(try build(), existing: nil).python
    #expect(python == """
      # Stubs for upgrading from vLLM v0.1.0 to v0.2.0, generated by `vmsync stub`.
      # Signatures are copied from upstream v0.2.0; write the bodies, then move them into the plugin.


      # vllm_mindspore.patch.f
      # upstream: vllm/a.py:1 (signature changed)
      def f(x, y=2, *, z=None):
          raise NotImplementedError


      class Impl:  # vllm_mindspore.patch.Impl, subclass of vllm.base.Base
          # upstream: vllm/base.py:7 (signature changed)
          def forward(self, x, mask=None):
              raise NotImplementedError

          # upstream: vllm/base.py:6 (abstract)
          def stop(self, force: bool = False) -> None:
              raise NotImplementedError

      """)
  }
}

@Suite struct StubEdgeTests {
  @Test func recordedStatesStayInheritedAndCollidingMovesStayPut() {
    let old = snapshot("v0.1.0", ["vllm/a.py": "def f(): pass\n", "vllm/b.py": "from vllm.a import f\n", "vllm/c.py": ""])
    let new = snapshot("v0.2.0", ["vllm/a.py": "", "vllm/b.py": "", "vllm/c.py": "def f(): pass\n"])
    let known = PatchEntry(
      kind: .import, upstream: "vllm.gone.X", plugin: "vllm_mindspore.k", status: .needsReview,
      findings: ["import_removed: recorded at v0.1.0"])
    let manifest = PatchesManifestV1(revision: "v0.1.0", entries: [
      PatchEntry(kind: .replace, replaces: .function, upstream: "vllm.a.f", plugin: "vllm_mindspore.p.f"),
      PatchEntry(kind: .replace, replaces: .function, upstream: "vllm.b.f", plugin: "vllm_mindspore.p.f"),
      known,
    ])
    let output = StubGenerator(analysis: ImpactAnalysis(from: old, to: new)).generate(from: manifest, existing: nil)
    #expect(output.manifest.entries.map(\.upstream) == ["vllm.b.f", "vllm.c.f"])
    #expect(output.manifest.entries[1].movedFrom == "vllm.a.f")
    #expect(output.manifest.entries[0].movedFrom == nil)
    #expect(output.manifest.entries[0].findings.first?.contains("now at `vllm.c.f`") == true)
  }
}

@Suite struct RecordedStateTests {
  @Test func impactLowersStatesTheTargetManifestRecords() throws {
    let report = try impact(
      old: ["vllm/a.py": "def f(): pass\ndef g(): pass\n"], new: ["vllm/a.py": ""],
      [reference(.import, "vllm.a.f", plugin: "vllm_mindspore.p"), reference(.import, "vllm.a.g", plugin: "vllm_mindspore.p")])
    #expect(report.hasErrors)
    let manifest = PatchesManifestV1(revision: "v0.2.0", entries: [
      PatchEntry(kind: .import, upstream: "vllm.a.f", plugin: "vllm_mindspore.p", status: .needsReview,
                 findings: ["import_removed: reviewed"]),
      PatchEntry(kind: .import, upstream: "vllm.a.g", plugin: "vllm_mindspore.p", status: .broken),
    ])
    let lowered = report.applyingRecordedStates(of: manifest)
    #expect(lowered.findings.map(\.severity) == [.note, .note])
    #expect(!lowered.hasErrors)
    #expect(ImpactMarkdownReporter().render(lowered).contains("| `import_removed` | fails at import or call | error | 2 (2 recorded) |"))
    let verified = PatchesManifestV1(revision: "v0.2.0", entries: [
      PatchEntry(kind: .import, upstream: "vllm.a.f", plugin: "vllm_mindspore.p", status: .verified),
    ])
    #expect(report.applyingRecordedStates(of: verified).hasErrors)
  }
}

@Suite struct CheckLaneTests {
  @Test func checkSkipsEntriesWhoseLaneExcludesTheRevision() {
    let view = UpstreamView(snapshot("v0.11.0", ["vllm/a.py": "def g(): pass\n"]))
    let manifest = PatchesManifestV1(revision: "v0.11.0", entries: [
      PatchEntry(kind: .import, upstream: "vllm.a.f", plugin: "vllm_mindspore.old", lane: ["== 0.9.1"]),
      PatchEntry(kind: .import, upstream: "vllm.a.f", plugin: "vllm_mindspore.new", lane: [">= 0.10"]),
    ])
    let report = ManifestCheck.check(manifest, against: view)
    #expect(report.checked == 1)
    #expect(report.findings.map(\.pluginSymbol) == ["vllm_mindspore.new"])
    #expect(report.hasErrors)
  }
}
