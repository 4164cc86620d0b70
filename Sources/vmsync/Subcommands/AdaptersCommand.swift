import ArgumentParser
import Frontend

struct AdaptersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapters", abstract: "Adapter manifests (adapters/<revision>/).", subcommands: [Check.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check a revision's patches.yaml (with inherited entries) against that upstream revision.",
      discussion: "Exit status 1 when a finding is an error the manifest does not record as a known state.")

    @Option(help: "The vLLM revision.") var revision: String
    @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
    @OptionGroup var upstream: UpstreamOptions

    func run() throws {
      try runReportingErrors {
        let report = try PluginFrontend.check(
          revision: revision, in: upstream.source(), adapters: PluginFrontend.adaptersDirectory(adapters))
        try Output.write(PluginFrontend.render(report), to: nil)
        return report.hasErrors ? 1 : 0
      }
    }
  }
}
