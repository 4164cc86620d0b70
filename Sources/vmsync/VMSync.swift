import ArgumentParser
import Frontend

@main
struct VMSync: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vmsync",
    abstract: "Track vLLM's Python API across releases and keep a MindSpore plugin in step.",
    discussion: """
      Exit status: 0 clean, 1 findings that fail the command (breaking changes with \
      --fail-on-breaking, parity failures, plugin findings), 2 bad input or a tool error.
      """,
    subcommands: [
      Releases.self, SnapshotCommand.self, Diff.self, UpstreamCommand.self, Validate.self,
      ParityCommand.self, PluginCommand.self, AdaptersCommand.self, StubCommand.self, CICommand.self, MatrixCommand.self,
    ])
}

/// Runs a front-end action, turning its errors into one line on stderr and exit status 2.
func runReportingErrors(_ body: () throws -> Int32) throws {
  let status: Int32
  do {
    status = try body()
  } catch let error as CommandError {
    Console.error(error.description)
    throw ExitCode(2)
  }
  if status != 0 { throw ExitCode(status) }
}
