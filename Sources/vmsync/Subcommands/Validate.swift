import ArgumentParser
import Frontend

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Compare the extraction with CPython's ast over a release or a directory.",
    discussion: "Needs python3 on PATH; prints the agreement rate per field.")

  @Argument(help: "A release or ref of --repo to validate.") var ref: String?
  @Option(help: "Validate every .py file under this directory instead (e.g. the stdlib).") var dir: String?
  @Option(help: "The repository holding REF.") var repo: String?

  func run() throws {
    try runReportingErrors {
      let report = try ValidationFrontend.validate(ref: ref, repository: repo, directory: dir, progress: Console.status)
      print(report.render())
      return report.fields.allSatisfy { $0.agreed == $0.compared } ? 0 : 1
    }
  }
}
