import Foundation
import Testing
import _TestSupport

@Suite struct CommandLineTests {
  func configuration(_ fixture: GateFixture, _ extra: String = "", plugin: String? = nil) -> String {
    """
    plugin:
      path: \(plugin ?? fixture.plugin.path)
      from: v0.1.0
    upstream: v0.2.0
    repo: \(fixture.upstream.path)
    checks: [impact, diff]
    baseline: \(fixture.directory.path)/baseline.json
    \(extra)
    """
  }

  @Test func runFailsOnANewBreakThenPassesOnceBaselinedAndShardsMerge() throws {
    let fixture = try GateFixture()
    let config = try fixture.write("vmsync.yaml", configuration(fixture))
    let base = ["--config", config, "--no-cache"]
    let dir = fixture.directory.path
    let failing = try Run(["ci", "run"] + base + ["--junit", "\(dir)/out.xml", "--sarif", "\(dir)/out.sarif"])
    #expect(failing.status == 1)
    #expect(failing.stdout.contains("vmsync gate FAILED"))
    #expect(FileManager.default.fileExists(atPath: "\(dir)/out.xml") && FileManager.default.fileExists(atPath: "\(dir)/out.sarif"))
    #expect(try Run(["ci", "baseline"] + base).status == 0)
    let baseline = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/baseline.json"))
    #expect(try Run(["ci", "baseline"] + base).status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/baseline.json")) == baseline)
    let whole = try Run(["ci", "run"] + base + ["--json", "\(dir)/whole.json", "--summary", "\(dir)/summary.md"])
    #expect(whole.status == 0)
    for index in 1...2 {
      #expect(try Run(["ci", "run"] + base + ["--shard", "\(index)/2", "--json", "\(dir)/shard-\(index).json"]).status == 0)
    }
    let merge = try Run(["ci", "merge", "\(dir)/shard-1.json", "\(dir)/shard-2.json", "--json", "\(dir)/merged.json"])
    #expect(merge.status == 0)
    #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/merged.json")) == Data(contentsOf: URL(fileURLWithPath: "\(dir)/whole.json")))
  }

  /// Each bad input exits with status 2 and one line naming the file and line.
  @Test func badConfigurationExitsTwoNamingFileAndLine() throws {
    let fixture = try GateFixture()
    let cases: [(name: String, text: String, expected: String)] = [
      ("malformed.yaml", "plugin: [\n  from: v0.1.0\n", "malformed.yaml:"),
      ("check.yaml", configuration(fixture).replacingOccurrences(of: "[impact, diff]", with: "[impact, bogus]"), "check.yaml:6:"),
      ("class.yaml", configuration(fixture, "deny: [removed, sideways]"), "class.yaml:8:"),
      ("plugin.yaml", configuration(fixture, plugin: "/nonexistent/plugin"), "plugin.yaml:2:"),
      ("key.yaml", configuration(fixture, "colour: red"), "key.yaml:8:"),
      ("matrix.yaml", configuration(fixture, "matrix:\n  - file: m.md"), "matrix.yaml:9:"),
    ]
    for (name, text, expected) in cases {
      let path = try fixture.write(name, text)
      let run = try Run(["ci", "run", "--config", path, "--no-cache"])
      #expect(run.status == 2, "\(name)")
      #expect(run.stderr.contains(expected), "\(name): \(run.stderr)")
      #expect(run.stderr.split(separator: "\n").count == 1, "\(name): \(run.stderr)")
    }
  }

  @Test func badAllowlistEntriesExitTwoNamingFileAndLine() throws {
    let fixture = try GateFixture()
    let entries = [
      ("no-reason.yaml", "allow:\n  - key: \"impact:*\"\n    expires: 2030-01-01\n", "no-reason.yaml:2:", "without reason"),
      ("no-expiry.yaml", "allow:\n  - key: \"impact:*\"\n    reason: why\n", "no-expiry.yaml:2:", "without expires"),
      ("bad-date.yaml", "allow:\n  - key: \"impact:*\"\n    reason: why\n    expires: soon\n", "bad-date.yaml:2:", "not a date"),
    ]
    for (name, text, expected, message) in entries {
      let allow = try fixture.write(name, text)
      let config = try fixture.write("config-\(name)", configuration(fixture, "allowlist: \(allow)"))
      let run = try Run(["ci", "run", "--config", config, "--no-cache"])
      #expect(run.status == 2, "\(name)")
      #expect(run.stderr.contains(expected) && run.stderr.contains(message), "\(name): \(run.stderr)")
    }
  }

  @Test func badShardsAndMissingFilesExitTwo() throws {
    let fixture = try GateFixture()
    let config = try fixture.write("vmsync.yaml", configuration(fixture))
    for shard in ["0/4", "5/4", "x"] {
      let run = try Run(["ci", "run", "--config", config, "--shard", shard])
      #expect(run.status == 2)
      #expect(run.stderr.contains("--shard \(shard)"), "\(run.stderr)")
    }
    #expect(try Run(["ci", "run", "--config", "\(fixture.directory.path)/absent.yaml"]).status == 2)
    let plugin = try Run(["ci", "run", "--config", config, "--plugin", "/nonexistent/plugin"])
    #expect(plugin.status == 2 && plugin.stderr.contains("--plugin /nonexistent/plugin"))
    #expect(try Run(["ci", "merge", config]).status == 2)
  }
}
