import ArgumentParser
import Frontend

struct ParityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parity", abstract: "Verify op mappings numerically on the CPU runtime.",
    subcommands: [Ops.self])

  struct Ops: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run every op mapping of a revision against the upstream reference semantics.")

    @Option(help: "The vLLM revision whose adapters/<revision>/ops.yaml to run (default: the newest).")
    var revision: String?
    @Option(help: "Only these upstream ops (repeatable).") var op: [String] = []
    @Option(help: "markdown or json.") var format: ParityFormat = .markdown
    @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      try runReportingErrors {
        let report = try ParityFrontend.runOps(revision: revision, ops: op, adaptersDirectory: adapters)
        try Output.write(ParityFrontend.render(report, as: format), to: output.output)
        return report.passed ? 0 : 1
      }
    }
  }
}

extension ParityFormat: ExpressibleByArgument {}
