import ArgumentParser
import Frontend

struct ParityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "parity", abstract: "Verify op mappings numerically on the CPU runtime.",
    subcommands: [Ops.self, Models.self])

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

  struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the catalogue's models, scaled down, with upstream semantics and through the op mappings.")

    @Option(help: "The vLLM revision whose adapters/<revision>/ops.yaml to run (default: the newest).")
    var revision: String?
    @Option(help: "Only these architectures (repeatable).") var model: [String] = []
    @Option(help: "bf16, fp16 or fp32 (repeatable; default: all three).") var dtype: [String] = []
    @Option(help: "markdown or json.") var format: ParityFormat = .markdown
    @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
      try runReportingErrors {
        let report = try ParityFrontend.runModels(revision: revision, models: model, dtypes: dtype, adaptersDirectory: adapters)
        try Output.write(ParityFrontend.render(report, as: format), to: output.output)
        return report.passed ? 0 : 1
      }
    }
  }
}

extension ParityFormat: ExpressibleByArgument {}
