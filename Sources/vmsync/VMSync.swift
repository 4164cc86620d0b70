import ArgumentParser

@main
struct VMSync: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "vmsync",
    abstract: "Track vLLM's Python API across releases and keep a MindSpore plugin in step.",
    subcommands: [])
}
