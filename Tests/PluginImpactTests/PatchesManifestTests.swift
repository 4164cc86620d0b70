import AdapterManifests
import APIModel
import Foundation
import Testing

@Suite struct PatchesManifestTests {
  static let header = "schema: vmsync.patches/1\n"

  static let entries = """
    patches:
      - kind: replace
        replaces: method
        upstream: vllm.worker.Worker.load_model
        plugin: vllm_mindspore.worker.load_model
        at: vllm_mindspore/worker.py:12
        lane: ["== 0.9.1"]
        signature: "(self, path: str = \\"x\\")"
        body_hash: "0badc0ffee"
        status: needs-review
        note: "kept: reviewed by hand"
        finding:
          - "body_changed: the body changed"
      - kind: subclass
        upstream: vllm.worker.Worker
        plugin: vllm_mindspore.worker.MSWorker
        overrides:
          load_model: (self)
          extra: null
      - kind: import
        upstream: vllm.config.VllmConfig
        plugin: vllm_mindspore.worker

    """

  /// Writes each revision's file under a new adapters directory.
  static func adapters(_ files: [String: String]) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-adapters-\(UUID().uuidString)")
    for (revision, text) in files {
      let folder = directory.appendingPathComponent(revision)
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try Data(text.utf8).write(to: folder.appendingPathComponent("patches.yaml"))
    }
    return directory
  }

  func error(_ files: [String: String], _ revision: String) throws -> ManifestError? {
    let directory = try Self.adapters(files)
    defer { try? FileManager.default.removeItem(at: directory) }
    do {
      _ = try PatchesManifestLoader(directory: directory.path).load(revision: revision)
      return nil
    } catch {
      return error
    }
  }

  @Test func loadsEveryField() throws {
    let directory = try Self.adapters(["v0.9.1": Self.header + "revision: v0.9.1\npackage: vllm_mindspore\n" + Self.entries])
    defer { try? FileManager.default.removeItem(at: directory) }
    let manifest = try PatchesManifestLoader(directory: directory.path).load(revision: "v0.9.1")
    #expect(manifest.package == "vllm_mindspore")
    #expect(manifest.entries.map(\.upstream) == ["vllm.config.VllmConfig", "vllm.worker.Worker", "vllm.worker.Worker.load_model"])
    let replace = manifest.entries[2]
    #expect(replace.replaces == .method)
    #expect(replace.at == SourceLocation(file: "vllm_mindspore/worker.py", line: 12))
    #expect(replace.lane == ["== 0.9.1"])
    #expect(replace.signature == "(self, path: str = \"x\")")
    #expect(replace.bodyHash == "0badc0ffee")
    #expect(replace.status == .needsReview)
    #expect(replace.findingIDs == ["body_changed"])
    #expect(replace.location?.line == 5)
    #expect(manifest.entries[1].overrides == [.init(name: "extra", signature: nil), .init(name: "load_model", signature: "(self)")])
    #expect(manifest.entries[0].status == .verified)
  }

  @Test func unknownKeyIsReportedWithItsLine() throws {
    let text = Self.header + "revision: v0.9.1\n" + Self.entries.replacingOccurrences(of: "    note:", with: "    notes:")
    let error = try #require(try error(["v0.9.1": text], "v0.9.1"))
    guard case .unknownKey("notes", _, let at) = error else { Issue.record("got \(error)"); return }
    #expect(at.line == 13)
    #expect(error.description.hasSuffix("v0.9.1/patches.yaml:13:5: error: unknown key 'notes' in a patch entry"))
    let header = try #require(try self.error(["v0.9.1": Self.header + "revision: v0.9.1\nops: {}\npatches: []\n"], "v0.9.1"))
    guard case .unknownKey("ops", _, let headerAt) = header else { Issue.record("got \(header)"); return }
    #expect(headerAt.line == 3)
  }

  @Test func badValuesAreReportedWithTheirLine() throws {
    func firstError(_ replace: String, with: String) throws -> ManifestError? {
      try error(["v0.9.1": Self.header + "revision: v0.9.1\n" + Self.entries.replacingOccurrences(of: replace, with: with)], "v0.9.1")
    }
    let status = try #require(try firstError("status: needs-review", with: "status: fine"))
    guard case .invalidValue("status", _, let at) = status else { Issue.record("got \(status)"); return }
    #expect(at.line == 12)
    let lane = try #require(try firstError("== 0.9.1", with: "about 0.9"))
    guard case .invalidValue("lane", _, let laneAt) = lane else { Issue.record("got \(lane)"); return }
    #expect(laneAt.line == 9)
    let location = try #require(try firstError("worker.py:12", with: "worker.py"))
    guard case .invalidValue("at", _, _) = location else { Issue.record("got \(location)"); return }
    let missing = try #require(try firstError("    replaces: method\n", with: ""))
    guard case .missingKey("replaces", _, let missingAt) = missing else { Issue.record("got \(missing)"); return }
    #expect(missingAt.line == 4)
    let schema = try #require(try error(["v0.9.1": "schema: vmsync.patches/2\nrevision: v0.9.1\npatches: []\n"], "v0.9.1"))
    #expect(schema.description.hasSuffix(":1:9: error: unsupported schema 'vmsync.patches/2' (expected 'vmsync.patches/1')"))
  }

  @Test func missingRevisionIsReported() throws {
    let error = try #require(try error(["v0.9.1": Self.header + "revision: v0.9.1\npatches: []\n"], "v0.10.0"))
    guard case .missingRevision("v0.10.0", _, nil) = error else { Issue.record("got \(error)"); return }
    #expect(error.description.contains("no patch manifest for revision 'v0.10.0'"))
    let inherited = try #require(try self.error(
      ["v0.11.0": Self.header + "revision: v0.11.0\ninherits: v0.8.0\npatches: []\n"], "v0.11.0"))
    guard case .missingRevision("v0.8.0", _, let at?) = inherited else { Issue.record("got \(inherited)"); return }
    #expect(at.line == 3)
    #expect(at.file.hasSuffix("v0.11.0/patches.yaml"))
  }

  @Test func inheritsCycleIsDetected() throws {
    let error = try #require(try error([
      "v0.9.1": Self.header + "revision: v0.9.1\ninherits: v0.11.0\npatches: []\n",
      "v0.11.0": Self.header + "revision: v0.11.0\ninherits: v0.9.1\npatches: []\n",
    ], "v0.11.0"))
    guard case .inheritsCycle(let chain, let at) = error else { Issue.record("got \(error)"); return }
    #expect(chain == ["v0.11.0", "v0.9.1", "v0.11.0"])
    #expect(at.line == 3)
    #expect(at.file.hasSuffix("v0.9.1/patches.yaml"))
  }

  @Test func childEntriesReplaceAndMoveInheritedOnes() throws {
    let child = Self.header + """
      revision: v0.11.0
      inherits: v0.9.1
      patches:
        - kind: import
          upstream: vllm.config.vllm.VllmConfig
          plugin: vllm_mindspore.worker
          moved_from: vllm.config.VllmConfig
        - kind: subclass
          upstream: vllm.worker.Worker
          plugin: vllm_mindspore.worker.MSWorker
          status: broken

      """
    let directory = try Self.adapters(["v0.9.1": Self.header + "revision: v0.9.1\n" + Self.entries, "v0.11.0": child])
    defer { try? FileManager.default.removeItem(at: directory) }
    let loader = PatchesManifestLoader(directory: directory.path)
    let manifest = try loader.load(revision: "v0.11.0")
    #expect(manifest.chain == ["v0.11.0", "v0.9.1"])
    #expect(manifest.entries.map(\.upstream) == [
      "vllm.config.vllm.VllmConfig", "vllm.worker.Worker", "vllm.worker.Worker.load_model",
    ])
    #expect(manifest.entries[1].status == .broken)
    #expect(manifest.entries[1].overrides == nil)
    #expect(manifest.entries[2].definedIn == "v0.9.1")
    #expect(try loader.loadFile(revision: "v0.11.0").entries.count == 2)
  }

  @Test func writerRoundTripsAndIsDeterministic() throws {
    let entries = [
      PatchEntry(kind: .import, upstream: "vllm.config.VllmConfig", plugin: "vllm_mindspore.worker"),
      PatchEntry(
        kind: .replace, replaces: .function, upstream: "vllm.utils.on", plugin: "vllm_mindspore.utils.yes",
        at: SourceLocation(file: "vllm_mindspore/utils.py", line: 7), lane: [">= 0.9.1", "< 0.11"],
        signature: "(x: int = 1, *, flag: \"Literal['a']\" = None)", bodyHash: "1234abcd", status: .needsReview,
        note: "odd: text # with \"quotes\"\nand a newline", findings: ["signature_mismatch: missing parameter 'y'"]),
      PatchEntry(
        kind: .subclass, upstream: "vllm.worker.Worker", plugin: "vllm_mindspore.worker.MSWorker",
        overrides: [.init(name: "forward", signature: "(self, x)"), .init(name: "helper", signature: nil)],
        movedFrom: "vllm.worker.old.Worker", status: .broken),
      PatchEntry(kind: .wrap, upstream: "null", plugin: "true"),
    ]
    let manifest = PatchesManifestV1(revision: "v0.9.1", inherits: "v0.8.5", package: "vllm_mindspore", entries: entries)
    let text = PatchesManifestWriter.render(manifest)
    #expect(text == PatchesManifestWriter.render(
      PatchesManifestV1(revision: "v0.9.1", inherits: "v0.8.5", package: "vllm_mindspore", entries: entries.reversed())))
    #expect(!text.contains("20")) // no timestamps
    let directory = try Self.adapters(["v0.9.1": text])
    defer { try? FileManager.default.removeItem(at: directory) }
    let loaded = try PatchesManifestLoader(directory: directory.path).loadFile(revision: "v0.9.1")
    #expect(loaded.entries.map(\.recorded) == manifest.entries.map(\.recorded))
    #expect(loaded.inherits == "v0.8.5")
    #expect(loaded.package == "vllm_mindspore")
    #expect(PatchesManifestWriter.render(loaded) == text)
  }
}
