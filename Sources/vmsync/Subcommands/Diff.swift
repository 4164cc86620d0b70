import ArgumentParser
import Frontend

struct Diff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "What changed in the API between two releases.",
    discussion: "Prints a Markdown report by default; --format json|html for the other reports.")

  @Argument(help: "The older release or ref.") var old: String
  @Argument(help: "The newer release or ref.") var new: String

  @Option(help: "markdown, json or html.") var format: DiffFormat = .markdown
  @Option(help: "Keep only paths under this dotted prefix (repeatable).") var only: [String] = []
  @Flag(help: "Keep only breaking changes.") var breaking = false
  @Flag(help: "Leave out private names (a component starting with _).") var noPrivate = false
  @Flag(help: "Leave out body (drift) changes.") var noBody = false
  @Flag(help: "Exit with status 1 when a breaking change is reported.") var failOnBreaking = false

  @OptionGroup var upstream: UpstreamOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    try runReportingErrors {
      let source = try upstream.source()
      let report = try DiffFrontend.diff(
        old, new, in: source,
        options: .init(only: only, includePrivate: !noPrivate, breakingOnly: breaking, includeBody: !noBody))
      try Output.write(DiffFrontend.render(report, as: format), to: output.output)
      return failOnBreaking && report.hasBreakingChanges ? 1 : 0
    }
  }
}

extension DiffFormat: ExpressibleByArgument {}
