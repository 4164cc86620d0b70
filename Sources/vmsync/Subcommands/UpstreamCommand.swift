import ArgumentParser
import Frontend

struct UpstreamCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "upstream", abstract: "Bring releases into a repository and refresh committed snapshots.",
    subcommands: [Import.self, Record.self])

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Commit and tag an sdist (.tar.gz), a wheel (.whl) or a directory.")

    @Argument(help: "The archive or directory.") var source: String
    @Option(help: "The tag to create, e.g. v0.12.0.") var tag: String
    @Option(help: "The repository (created bare if missing).") var repo: String

    func run() throws {
      try runReportingErrors {
        let commit = try UpstreamFrontend.importSource(source, tag: tag, repository: repo)
        print("\(tag) \(commit)")
        return 0
      }
    }
  }

  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Record snapshots of releases under upstream/ (the offline default).")

    @Argument(help: "Releases to record (default: those listed in upstream/releases.yaml).")
    var releases: [String] = []
    @OptionGroup var upstream: UpstreamOptions

    func run() throws {
      try runReportingErrors {
        try UpstreamFrontend.record(releases, upstream: upstream.source(), catalogDirectory: upstream.upstreamDir)
        return 0
      }
    }
  }
}
