import ArgumentParser
import CIGate
import Foundation
import Frontend

struct CICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ci", abstract: "The CI gate: every check against a baseline, failing only on regressions.",
    discussion: "Exit status: 0 clean, 1 a regression, a worse parity cell or an expired allowlist entry, 2 bad configuration or input. See docs/ci.md.",
    subcommands: [Run.self, Merge.self, BaselineCommand.self])

  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the gate (or one shard of it) and write its reports.")

    @OptionGroup var gate: GateOptions
    @Option(help: "Run the i-th of n deterministic, cost-balanced parts of the work (merge them with `ci merge`).")
    var shard: String?
    @OptionGroup var outputs: GateOutputOptions

    func run() throws {
      try runReportingErrors {
        let spec: ShardSpec? = try gateWrapping { () throws -> ShardSpec? in try self.shard.map { try ShardSpec($0) } }
        let (configuration, source) = try gate.load()
        let document = try gateWrapping {
          try GateRunner.run(
            configuration, source: source, shard: spec, baseline: Baseline.load(from: configuration.baseline),
            allowlist: configuration.allowlist.map(Allowlist.load) ?? Allowlist(), today: GateOutputs.today)
        }
        try outputs.value.write(document)
        print(GateOutputs.verdict(document))
        return document.passed ? 0 : 1
      }
    }
  }

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Merge the JSON documents of every shard into the unsharded result and write its reports.")

    @Argument(help: "The shards' --json documents.") var documents: [String]
    @OptionGroup var outputs: GateOutputOptions

    func run() throws {
      try runReportingErrors {
        let document = try gateWrapping { try GateDocument.merge(documents.map(GateDocument.load)) }
        try outputs.value.write(document)
        print(GateOutputs.verdict(document))
        return document.passed ? 0 : 1
      }
    }
  }

  struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "baseline", abstract: "Run every check and write the findings as the baseline (sorted, no timestamps).")

    @OptionGroup var gate: GateOptions
    @Option(name: .shortAndLong, help: "The file to write (default: the configuration's baseline:, ci/baseline.json).")
    var output: String?

    func run() throws {
      try runReportingErrors {
        let (configuration, source) = try gate.load()
        let document = try gateWrapping {
          try GateRunner.run(
            configuration, source: source, shard: nil, baseline: Baseline([]), allowlist: Allowlist(),
            today: GateOutputs.today)
        }
        let path = output ?? configuration.baseline
        try Output.writeAtomically(Baseline(document.findings).encoded(), to: URL(fileURLWithPath: path))
        Console.note("\(path): \(document.findings.count) findings")
        return 0
      }
    }
  }
}

/// The configuration file and the flags that override it.
struct GateOptions: ParsableArguments {
  @Option(help: "The gate configuration.") var config = "ci/vmsync.yaml"
  @Option(help: "The plugin checkout (overrides plugin: path:).") var plugin: String?
  @Option(help: "An upstream release or ref to check against (repeatable; overrides upstream:).") var upstream: [String] = []
  @Option(help: "The upstream revision the plugin works with (overrides plugin: from:).") var from: String?
  @Option(help: "Checks to run (repeatable; overrides checks:).") var check: [String] = []
  @Option(help: "The adapters directory (overrides adapters:).") var adapters: String?
  @OptionGroup var upstreamOptions: UpstreamOptions

  /// The configuration with the flags applied, validated, and the upstream source it reads.
  func load() throws(CommandError) -> (GateConfiguration, UpstreamSource) {
    var configuration = try gateWrapping { try GateConfiguration.load(from: config) }
    if let plugin {
      configuration.pluginPath = plugin
      configuration.positions["plugin.path"] = nil
    }
    if !upstream.isEmpty { configuration.upstreams = upstream }
    if let from { configuration.from = from }
    if !check.isEmpty {
      for name in check where GateChecks.named(name) == nil {
        throw CommandError("--check \(name): unknown check (known: \(GateChecks.names.joined(separator: ", ")))")
      }
      configuration.checks = GateChecks.names.filter(check.contains)
    }
    if let adapters { configuration.adapters = adapters }
    if let repo = upstreamOptions.repo { configuration.repo = repo }
    try gateWrapping { try configuration.validate() }
    let source = try UpstreamSource.open(
      repo: configuration.repo,
      cacheDirectory: upstreamOptions.noCache ? nil : (upstreamOptions.cacheDir ?? UpstreamSource.defaultCacheDirectory),
      catalogDirectory: upstreamOptions.upstreamDir)
    return (configuration, source)
  }
}

struct GateOutputOptions: ParsableArguments {
  @Option(help: "Write a JUnit XML report.") var junit: String?
  @Option(help: "Write a SARIF 2.1.0 log.") var sarif: String?
  @Option(help: "Write the vmsync.gate/1 JSON document (the input of `ci merge`).") var json: String?
  @Option(help: "Write a Markdown summary (for $GITHUB_STEP_SUMMARY).") var summary: String?

  var value: GateOutputs { GateOutputs(junit: junit, sarif: sarif, json: json, summary: summary) }
}

/// Runs a gate action, turning its ``GateError`` (or any other error) into a ``CommandError``.
func gateWrapping<T>(_ body: () throws -> T) throws(CommandError) -> T {
  do {
    return try body()
  } catch {
    throw CommandError(error)
  }
}
