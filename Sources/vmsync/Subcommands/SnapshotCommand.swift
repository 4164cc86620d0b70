import ArgumentParser
import Frontend

struct SnapshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "snapshot", abstract: "The Python API surface of one release.")

  @Argument(help: "A release tag or any ref of the repository.")
  var ref: String

  @Option(help: "json or markdown.")
  var format: SnapshotFormat = .json

  @OptionGroup var upstream: UpstreamOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try runReportingErrors {
      let source = try upstream.source()
      let snapshot = try source.snapshot(ref, progress: Console.progress("parsing \(ref)"))
      Console.reportDiagnostics(snapshot.diagnostics)
      try Output.write(SnapshotRendering.render(releasing: consume snapshot, as: format), to: output.output)
      return 0
    }
  }
}

extension SnapshotFormat: ExpressibleByArgument {}
