import ArgumentParser
import Foundation
import Frontend

struct PluginCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plugin", abstract: "The plugin's dependencies on upstream: record them, or see what an upgrade breaks.",
    subcommands: [Scan.self, Impact.self])

  struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Scan the plugin and record its upstream dependencies as adapters/<revision>/patches.yaml.",
      discussion: """
        Each entry gets the upstream signature and body fingerprint of the revision; entries that \
        check clean are verified, the others needs-review with their findings. Notes and reviewed \
        statuses of an existing file are kept.
        """)

    @Argument(help: "The plugin checkout.") var pluginRoot: String
    @Option(help: "The plugin's top-level package.") var package = "vllm_mindspore"
    @Option(help: "A scan configuration (patch and version helpers; see docs/plugin-scan.md).") var scanConfig: String?
    @Option(help: "The vLLM release the plugin targets.") var revision: String
    @Option(name: .shortAndLong, help: "The manifest to write (default: adapters/<revision>/patches.yaml).")
    var output: String?
    @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
    @OptionGroup var upstream: UpstreamOptions

    func run() throws {
      try runReportingErrors {
        let root = URL(fileURLWithPath: pluginRoot)
        let path = try output ?? PluginFrontend.manifestPath(
          revision: revision, adapters: PluginFrontend.adaptersDirectory(adapters))
        let scan = try PluginFrontend.scan(root: root, package: package, configuration: scanConfig)
        let manifest = try PluginFrontend.recordScan(
          scan, pluginRoot: root, revision: revision, in: upstream.source(), output: path)
        let review = manifest.entries.filter { $0.status != .verified }.count
        Console.note("\(path): \(manifest.entries.count) entries, \(review) not verified")
        return 0
      }
    }
  }

  struct Impact: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "What upgrading vLLM from one release to another breaks in the plugin.",
      discussion: """
        Exit status 1 when an error-severity finding is reported. Findings that \
        adapters/<to>/patches.yaml records as known states (after `vmsync stub` and a review) are notes.
        """)

    @Argument(help: "The plugin checkout.") var pluginRoot: String
    @Option(help: "The plugin's top-level package.") var package = "vllm_mindspore"
    @Option(help: "A scan configuration (patch and version helpers; see docs/plugin-scan.md).") var scanConfig: String?
    @Option(help: "The release the plugin works with.") var from: String
    @Option(help: "The release to upgrade to.") var to: String
    @Option(help: "md, json or html.") var format: ImpactFormat = .md
    @Flag(help: "Leave out the upstream diffs of changed bodies (shown when --repo is given).") var noDiff = false
    @Option(help: "The adapters directory (default: adapters/ of this checkout, when there is one).") var adapters: String?
    @OptionGroup var upstream: UpstreamOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try runReportingErrors {
        let root = URL(fileURLWithPath: pluginRoot)
        let scan = try PluginFrontend.scan(root: root, package: package, configuration: scanConfig)
        // Without an adapters directory there are simply no recorded states.
        let directory = adapters == nil ? try? PluginFrontend.adaptersDirectory(nil) : try PluginFrontend.adaptersDirectory(adapters)
        let report = try PluginFrontend.impact(
          scan, pluginRoot: root, from: from, to: to, in: upstream.source(), adapters: directory, diffs: !noDiff)
        try Output.write(PluginFrontend.render(report, as: format), to: output.output)
        return report.hasErrors ? 1 : 0
      }
    }
  }
}

extension ImpactFormat: ExpressibleByArgument {}
