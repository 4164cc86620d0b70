import ArgumentParser
import Frontend

struct Releases: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List release tags, oldest first (PEP 440 order).")

  @OptionGroup var upstream: UpstreamOptions

  func run() throws {
    try runReportingErrors {
      for release in try upstream.source().releases() { print(release) }
      return 0
    }
  }
}
