import ArgumentParser
import Frontend

struct StubCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stub",
    abstract: "Carry adapters/<from>/patches.yaml to <to>: moved targets rewritten, broken and drifted entries marked needs-review.",
    discussion: "Writes adapters/<to>/patches.yaml inheriting <from>; re-running keeps hand edits of that file.")

  @Option(help: "The revision whose manifest to carry.") var from: String
  @Option(help: "The new revision.") var to: String
  @Option(help: "Also write a Python module of the new abstract methods and changed signatures.") var python: String?
  @Option(help: "The adapters directory (default: adapters/ of this checkout).") var adapters: String?
  @OptionGroup var upstream: UpstreamOptions

  func run() throws {
    try runReportingErrors {
      let output = try PluginFrontend.stub(
        from: from, to: to, in: upstream.source(), adapters: PluginFrontend.adaptersDirectory(adapters), python: python)
      Console.note("\(to): \(output.manifest.entries.count) entries written, \(output.findings.count) finding(s)")
      return 0
    }
  }
}
