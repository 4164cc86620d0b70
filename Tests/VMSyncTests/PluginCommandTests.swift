import Foundation
import Testing
import _TestSupport

/// A small plugin that imports, patches and subclasses the fixture repository's v0.1.0.
func fixturePlugin() throws -> URL {
  let root = try temporaryDirectory().appendingPathComponent("plugin")
  let package = root.appendingPathComponent("vllm_mindspore")
  try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
  let source = """
    import vllm.config
    from vllm.old_worker import Worker


    def make(x, y):
        return x * y


    vllm.config.make = make


    class MSWorker(Worker):
        def run(self):
            pass

    """
  try Data(source.utf8).write(to: package.appendingPathComponent("__init__.py"))
  return root
}

@Suite struct PluginCommandTests {
  @Test func scanCheckImpactAndStub() throws {
    let repo = try fixtureRepository()
    let plugin = try fixturePlugin()
    let adapters = try temporaryDirectory()
    let common = ["--repo", repo.path, "--no-cache", "--adapters", adapters.path]

    let scan = try Run(["plugin", "scan", plugin.path, "--revision", "v0.1.0"] + common)
    #expect(scan.status == 0, "\(scan.stderr)")
    let manifest = try String(contentsOf: adapters.appendingPathComponent("v0.1.0/patches.yaml"), encoding: .utf8)
    #expect(manifest.contains("upstream: vllm.config.make"))
    #expect(manifest.contains("signature: \"(x, y)\""))
    #expect(manifest.contains("upstream: vllm.old_worker.Worker"))
    #expect(!manifest.contains("needs-review"))

    let check = try Run(["adapters", "check", "--revision", "v0.1.0"] + common)
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.contains("0 error(s)"))

    let impact = try Run(["plugin", "impact", plugin.path, "--from", "v0.1.0", "--to", "v0.2.0", "--format", "json", "--repo", repo.path, "--no-cache"])
    #expect(impact.status == 1)
    let report = try #require(try JSONSerialization.jsonObject(with: Data(impact.stdout.utf8)) as? [String: Any])
    #expect(report["schema"] as? String == "vmsync.impact/1")
    let findings = try #require(report["findings"] as? [[String: Any]])
    let worker = try #require(findings.first { $0["target"] as? String == "vllm.old_worker.Worker" && $0["kind"] as? String == "import" })
    #expect(worker["finding"] as? String == "import_removed")
    #expect(worker["suggested_target"] as? String == "vllm.worker.worker.Worker")

    let stub = try Run(["stub", "--from", "v0.1.0", "--to", "v0.2.0", "--python", adapters.appendingPathComponent("stubs.py").path] + common)
    #expect(stub.status == 0, "\(stub.stderr)")
    let carried = try String(contentsOf: adapters.appendingPathComponent("v0.2.0/patches.yaml"), encoding: .utf8)
    #expect(carried.contains("inherits: v0.1.0"))
    #expect(carried.contains("moved_from: vllm.old_worker.Worker"))
    let recheck = try Run(["adapters", "check", "--revision", "v0.2.0"] + common)
    #expect(recheck.status == 0, "\(recheck.stdout)\(recheck.stderr)")
    let again = try Run(["stub", "--from", "v0.1.0", "--to", "v0.2.0"] + common)
    #expect(again.status == 0)
    #expect(try String(contentsOf: adapters.appendingPathComponent("v0.2.0/patches.yaml"), encoding: .utf8) == carried)
  }

  @Test func badManifestAndMissingRevisionExitTwo() throws {
    let repo = try fixtureRepository()
    let adapters = try temporaryDirectory()
    let folder = adapters.appendingPathComponent("v0.1.0")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("schema: vmsync.patches/1\nrevision: v0.1.0\npatches:\n  - kind: replace\n    upstrem: x\n".utf8)
      .write(to: folder.appendingPathComponent("patches.yaml"))
    let common = ["--repo", repo.path, "--no-cache", "--adapters", adapters.path]
    let bad = try Run(["adapters", "check", "--revision", "v0.1.0"] + common)
    #expect(bad.status == 2)
    #expect(bad.stderr.hasSuffix("v0.1.0/patches.yaml:5:5: error: unknown key 'upstrem' in a patch entry\n"))
    let missing = try Run(["adapters", "check", "--revision", "v0.2.0"] + common)
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("no patch manifest for revision 'v0.2.0'"))
  }
}
