import ArgumentParser
import Foundation
import Frontend

struct MatrixCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "matrix", abstract: "The plugin's model support matrix at a vLLM revision, from evidence.",
    discussion: """
      Each cell is supported, partial (with the reason), missing or gone upstream, with the file:line \
      that proves it. Upstream facts come from --repo, else from upstream/models/<revision>.json. \
      --record saves the plugin's facts and the evidence (vmsync.matrix-record/1); --plugin may name \
      such a record instead of a tree to regenerate the matrix without the plugin's source.
      """,
    subcommands: [Show.self, Diff.self, Record.self], defaultSubcommand: Show.self)

  struct PluginOptions: ParsableArguments {
    @Option(help: "The plugin's top-level package.") var package = "vllm_mindspore"
    @Option(help: "The model catalogue (default: adapters/models.yaml).") var catalog: String?
    @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
    @Option(help: "Test-to-model mapping for --evidence (default: adapters/evidence.yaml).") var evidenceMap: String?
    @Option(help: "JUnit XML results of device runs (globs allowed; repeatable).") var evidence: [String] = []
    @Option(help: "The vLLM revision of evidence files that do not record one.") var evidenceRevision: String?
    @Option(help: "A saved vmsync.parity-models/1 JSON file.") var numericResults: String?
    @Flag(help: "Run numeric model parity on CPU for the revision (vmsync parity models) as evidence.") var numeric = false
    @Option(help: "markdown, json or html.") var format: MatrixFormat = .markdown

    var inputs: MatrixFrontend.Inputs {
      .init(catalog: catalog, evidenceRules: evidenceMap, evidenceFiles: evidence, evidenceRevision: evidenceRevision,
            numericResults: numericResults, runsNumeric: numeric)
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The matrix of one plugin tree.")

    @Option(help: "The plugin checkout, or a vmsync.matrix-record/1 file.") var plugin: String
    @Option(help: "A label for the plugin tree (default: its directory name).") var pluginLabel: String?
    @Option(help: "The vLLM release (default with a record: the record's).") var revision: String?
    @Option(help: "Also write what the matrix was built from (vmsync.matrix-record/1) to this file.") var record: String?
    @OptionGroup var options: PluginOptions
    @OptionGroup var upstream: UpstreamOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try runReportingErrors {
        let (matrix, record) = try MatrixFrontend.matrix(
          plugin: URL(fileURLWithPath: plugin), package: options.package, label: pluginLabel, revision: revision,
          source: upstream.source(), inputs: options.inputs, adapters: options.adapters)
        try Output.write(MatrixFrontend.render(matrix, as: options.format), to: output.output)
        if let path = self.record { try MatrixFrontend.write(record, to: path) }
        return 0
      }
    }
  }

  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Models added, lost and changed per feature between two revisions or plugin trees.")

    @Option(help: "The older vLLM release (default with a record: the record's).") var from: String?
    @Option(help: "The plugin tree (or matrix record) at the older release.") var pluginFrom: String
    @Option(help: "The newer vLLM release (default with a record: the record's).") var to: String?
    @Option(help: "The plugin tree (or matrix record) at the newer release.") var pluginTo: String
    @Option(help: "Label of the older plugin tree.") var labelFrom: String?
    @Option(help: "Label of the newer plugin tree.") var labelTo: String?
    @OptionGroup var options: PluginOptions
    @OptionGroup var upstream: UpstreamOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
      try runReportingErrors {
        let source = try upstream.source()
        let old = try MatrixFrontend.matrix(
          plugin: URL(fileURLWithPath: pluginFrom), package: options.package, label: labelFrom, revision: from,
          source: source, inputs: options.inputs, adapters: options.adapters)
        let new = try MatrixFrontend.matrix(
          plugin: URL(fileURLWithPath: pluginTo), package: options.package, label: labelTo, revision: to,
          source: source, inputs: options.inputs, adapters: options.adapters)
        try Output.write(MatrixFrontend.renderDiff(from: old.matrix, to: new.matrix, as: options.format), to: output.output)
        return 0
      }
    }
  }

  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Derive upstream/models/<release>.json (registry, interfaces, config reads) from --repo.")

    @Argument(help: "Releases to record (default: every stored snapshot).") var releases: [String] = []
    @OptionGroup var upstream: UpstreamOptions

    func run() throws {
      try runReportingErrors {
        let source = try upstream.source()
        let chosen = try releases.isEmpty ? UpstreamSource.open(repo: nil, cacheDirectory: nil, catalogDirectory: upstream.upstreamDir).releases() : releases
        for path in try MatrixFrontend.record(chosen, from: source, upstreamDirectory: upstream.upstreamDir) {
          Console.note("wrote \(path)")
        }
        return 0
      }
    }
  }
}

extension MatrixFormat: ExpressibleByArgument {}
