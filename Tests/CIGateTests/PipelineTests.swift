import Foundation
import Testing
import Yams

/// The committed pipelines: structurally sound everywhere, and clean under actionlint when it
/// is installed.
@Suite struct PipelineTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let workflows = ["ci/github/vmsync.yml", "ci/plugin/vmsync-gate.yml"]

  static var actionlint: String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
      .map { "\($0)/actionlint" }.first { FileManager.default.isExecutableFile(atPath: $0) }
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
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.actionlint!)
    process.arguments = Self.workflows.map { Self.root.appendingPathComponent($0).path }
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
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
}
