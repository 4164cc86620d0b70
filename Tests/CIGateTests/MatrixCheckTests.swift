import CIGate
import Foundation
import Frontend
import ModelMatrix
import Testing
import _TestSupport

/// A recorded plugin registering two of vLLM v0.11.0's models, its matrix and a diff generated
/// by `vmsync matrix`, against this repository's catalogue and upstream facts.
struct MatrixFixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let directory: URL
  let record: URL

  init() throws {
    directory = try temporaryDirectory()
    record = directory.appendingPathComponent("matrix.record.json")
    let facts = try JSONDecoder().decode(
      ModelFactsFile.self, from: Data(contentsOf: Self.root.appendingPathComponent("upstream/models/v0.11.0.json")))
    let plugin = ModelFactsFile(
      revision: "fixture plugin",
      models: facts.models.filter { ["LlamaForCausalLM", "Qwen3ForCausalLM"].contains($0.architecture) })
    try write(MatrixRecord(revision: "v0.11.0", plugin: plugin, evidence: [], numeric: false))
    let shared = ["--adapters", Self.root.appendingPathComponent("adapters").path, "--upstream-dir", Self.root.appendingPathComponent("upstream").path]
    let matrix = try Run(["matrix", "--plugin", record.path, "-o", path("matrix.md")] + shared, in: directory)
    #expect(matrix.status == 0, "\(matrix.stderr)")
    let diff = try Run(
      ["matrix", "diff", "--plugin-from", record.path, "--plugin-to", record.path, "-o", path("diff.md")] + shared,
      in: directory)
    #expect(diff.status == 0, "\(diff.stderr)")
    try FileManager.default.createDirectory(at: directory.appendingPathComponent("ci"), withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func write(_ record: MatrixRecord) throws {
    try record.encoded().write(to: self.record)
  }

  /// Writes `ci/vmsync.yaml`, whose relative paths start at `ci/`; returns its path.
  func configuration(upstreams: [String]) throws -> String {
    let text = """
      plugin:
        from: v0.11.0
      upstream: [\(upstreams.joined(separator: ", "))]
      adapters: \(Self.root.appendingPathComponent("adapters").path)
      checks: [matrix]
      baseline: baseline.json
      matrix:
        - file: ../matrix.md
          record: ../matrix.record.json
        - file: ../diff.md
          from: ../matrix.record.json
          to: ../matrix.record.json
      """
    let url = directory.appendingPathComponent("ci/vmsync.yaml")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  func run(upstreams: [String], shard: ShardSpec? = nil) throws -> GateDocument {
    let configuration = try GateConfiguration.load(from: configuration(upstreams: upstreams))
    let source = try UpstreamSource.open(
      repo: nil, cacheDirectory: nil, catalogDirectory: Self.root.appendingPathComponent("upstream").path)
    return try GateRunner.run(
      configuration, source: source, shard: shard, baseline: Baseline([]), allowlist: Allowlist(), today: "2026-11-25")
  }
}

@Suite struct MatrixCheckTests {
  @Test func freshMatrixPasses() throws {
    let fixture = try MatrixFixture()
    let document = try fixture.run(upstreams: ["v0.11.0"])
    #expect(document.passed, "\(document.failures.map(\.message))")
    let subjects = try #require(document.checks.first { $0.check == "matrix" }).subjects
    #expect(subjects.contains("matrix") && subjects.contains("diff"))
    #expect(subjects.contains("matrix/LlamaForCausalLM") && subjects.contains("matrix/Qwen3ForCausalLM"))
  }

  @Test func staleCellFailsNamingTheCell() throws {
    let fixture = try MatrixFixture()
    var record = try MatrixRecord.load(from: fixture.record.path)
    let index = try #require(record.plugin.models.firstIndex { $0.architecture == "LlamaForCausalLM" })
    record.plugin.models[index].interfaces.removeAll { $0.name == "SupportsLoRA" }
    try fixture.write(record)
    let document = try fixture.run(upstreams: ["v0.11.0"])
    #expect(!document.passed)
    let stale = try #require(document.findings.first { $0.key == "matrix:matrix/LlamaForCausalLM:stale lora" })
    #expect(stale.status == .regression && stale.class == .stale)
    #expect(stale.message.contains("`LlamaForCausalLM` × LoRA shows ✅"), "\(stale.message)")
    let text = try String(contentsOfFile: fixture.path("matrix.md"), encoding: .utf8)
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("| `LlamaForCausalLM`") }
    #expect(stale.file == "../matrix.md" && stale.line == line.map { $0 + 1 })
  }

  @Test func editedFrameFailsNamingTheLine() throws {
    let fixture = try MatrixFixture()
    let url = URL(fileURLWithPath: fixture.path("matrix.md"))
    let text = try String(contentsOf: url, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "# Model support matrix", with: "# Support matrix").utf8).write(to: url)
    let diff = try String(contentsOfFile: fixture.path("diff.md"), encoding: .utf8)
    try Data((diff + "edited\n").utf8).write(to: URL(fileURLWithPath: fixture.path("diff.md")))
    let document = try fixture.run(upstreams: ["v0.11.0"])
    let diffLines = diff.split(separator: "\n", omittingEmptySubsequences: false).count
    #expect(document.findings.first { $0.key == "matrix:diff:stale" }?.line == diffLines)
    let stale = try #require(document.findings.first { $0.key == "matrix:matrix:stale" })
    #expect(stale.status == .regression && stale.line == 1)
    #expect(stale.message.hasPrefix("../matrix.md:1 reads `# Support matrix"), "\(stale.message)")
  }

  @Test func worseCellAtATrackedUpstreamFails() throws {
    let fixture = try MatrixFixture()
    // vLLM v0.6.6.post1 predates Qwen3: the model cell would be gone upstream.
    let document = try fixture.run(upstreams: ["v0.11.0", "v0.6.6.post1"])
    #expect(!document.passed)
    let worse = try #require(document.findings.first { $0.key == "matrix:matrix/Qwen3ForCausalLM:cell_worse model" })
    #expect(worse.class == .parity && worse.status == .regression && worse.upstreams == ["v0.6.6.post1"])
    #expect(worse.message.contains("supported at v0.11.0, upstream-gone at v0.6.6.post1"), "\(worse.message)")
  }

  @Test func shardsMergeToTheUnshardedRun() throws {
    let fixture = try MatrixFixture()
    var record = try MatrixRecord.load(from: fixture.record.path)
    record.plugin.models.removeAll { $0.architecture == "Qwen3ForCausalLM" }
    try fixture.write(record)
    let whole = try fixture.run(upstreams: ["v0.11.0", "v0.6.6.post1"])
    #expect(whole.findings.contains { $0.class == .stale } && whole.findings.contains { $0.class == .parity })
    let shards = try (1...3).map { try fixture.run(upstreams: ["v0.11.0", "v0.6.6.post1"], shard: ShardSpec("\($0)/3")) }
    #expect(try GateDocument.merge(shards).encoded() == whole.encoded())
  }

  /// Paths in the configuration start at its directory, so any working directory gives the
  /// same document.
  @Test func configurationPathsResolveFromItsDirectory() throws {
    let fixture = try MatrixFixture()
    let config = try fixture.configuration(upstreams: ["v0.11.0", "v0.12.0"])
    var outputs: [Data] = []
    for (index, directory) in [fixture.directory, URL(fileURLWithPath: "/")].enumerated() {
      let out = fixture.path("run-\(index).json")
      let run = try Run(["ci", "run", "--config", config, "--json", out], in: directory)
      #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
      outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
    }
    #expect(outputs[0] == outputs[1])
    #expect(try Run(["ci", "baseline", "--config", config], in: URL(fileURLWithPath: "/")).status == 0)
    #expect(FileManager.default.fileExists(atPath: fixture.path("ci/baseline.json")))
  }
}
