import CIGate
import Foundation
import Testing
import Yams

/// The committed pipelines: structurally sound everywhere, and clean under the workflow linters
/// that are installed (`.ci/run` installs check-jsonschema and zizmor from PyPI into
/// `.build/lint-venv`); a linter that is missing shows as a skipped test.
@Suite struct PipelineTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let workflows = ["ci/github/vmsync.yml", "ci/plugin/vmsync-gate.yml"]

  static var actionlint: String? { tool("actionlint") }
  static var checkJSONSchema: String? { tool("check-jsonschema") }
  static var zizmor: String? { tool("zizmor") }

  /// An executable on `PATH` or in `.build/lint-venv/bin`.
  static func tool(_ name: String) -> String? {
    let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
      + [root.appendingPathComponent(".build/lint-venv/bin").path]
    return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs a linter over every workflow; returns its exit status and output.
  static func lint(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments + workflows.map { root.appendingPathComponent($0).path }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
  }

  @Test(arguments: workflows) func workflowHasJobsWithStepsOrNeeds(path: String) throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
    let workflow = try #require(try Yams.load(yaml: text) as? [String: Any])
    #expect(workflow["on"] != nil)
    let jobs = try #require(workflow["jobs"] as? [String: [String: Any]])
    for (name, job) in jobs {
      #expect(job["runs-on"] as? String != nil, "\(path): job \(name) has no runs-on")
      let steps = try #require(job["steps"] as? [[String: Any]], "\(path): job \(name) has no steps")
      #expect(steps.allSatisfy { ($0["run"] == nil) != ($0["uses"] == nil) }, "\(path): \(name): a step needs run or uses")
      for need in (job["needs"] as? [String]) ?? [job["needs"] as? String].compactMap({ $0 }) {
        #expect(jobs[need] != nil, "\(path): job \(name) needs unknown job \(need)")
      }
    }
  }

  @Test(.enabled(if: actionlint != nil)) func workflowsPassActionlint() throws {
    let run = try Self.lint(Self.actionlint!, [])
    #expect(run.status == 0, "\(run.output)")
  }

  /// SchemaStore's github-workflows schema, vendored by check-jsonschema (no network).
  @Test(.enabled(if: checkJSONSchema != nil)) func workflowsMatchTheWorkflowSchema() throws {
    let run = try Self.lint(Self.checkJSONSchema!, ["--builtin-schema", "vendor.github-workflows"])
    #expect(run.status == 0, "\(run.output)")
  }

  /// zizmor's offline audits: pinned actions, least permissions, no template injection, no
  /// persisted credentials.
  @Test(.enabled(if: zizmor != nil)) func workflowsPassZizmor() throws {
    let run = try Self.lint(Self.zizmor!, ["--offline", "--no-progress"])
    #expect(run.status == 0, "\(run.output)")
  }

  @Test func jenkinsfileRunsShardsMergesAndPublishesJUnit() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("ci/jenkins/Jenkinsfile"), encoding: .utf8)
    for needle in ["pipeline {", "parallel shards", "ci run", "--shard", "ci merge", "junit ", "--sarif"] {
      #expect(text.contains(needle), "Jenkinsfile lacks \(needle)")
    }
    #expect(text.filter { $0 == "{" }.count == text.filter { $0 == "}" }.count)
  }

  @Test func dogfoodConfigurationNeedsNoPluginTree() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("ci/vmsync.yaml"), encoding: .utf8)
    #expect(!text.contains("impact"))
    let run = try String(contentsOf: Self.root.appendingPathComponent(".ci/run"), encoding: .utf8)
    #expect(run.contains("vmsync ci run"))
  }

  /// The dogfood gate checks every shipped matrix, each with its record, read from `ci/`.
  @Test func dogfoodConfigurationChecksTheShippedMatrices() throws {
    let configuration = try GateConfiguration.load(from: Self.root.appendingPathComponent("ci/vmsync.yaml").path)
    #expect(configuration.checks.contains("matrix") && configuration.checks.contains("models"))
    #expect(Set(configuration.matrices.map(\.name)) == ["../docs/support-matrix.md", "../docs/support-matrix-0.9.1.md", "../docs/support-matrix-diff.md"])
    for file in configuration.matrices {
      for path in [file.path, file.record, file.diffFrom, file.diffTo].compactMap({ $0 }) {
        #expect(FileManager.default.fileExists(atPath: path), "\(path)")
      }
    }
    #expect(configuration.baseline == Self.root.appendingPathComponent("ci/baseline.json").path)
  }
}
