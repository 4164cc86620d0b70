import Foundation

/// Runs the `vmsync` executable built beside the test bundle, with `CI` set so no progress is
/// drawn, and captures what it prints.
public struct Run {
  public var status: Int32
  public var stdout: String
  public var stderr: String

  /// Runs vmsync with `arguments`, in `directory` when given.
  public init(_ arguments: [String], in directory: URL? = nil) throws {
    let process = Process()
    process.executableURL = Run.executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["CI"] = "true"
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    stdout = String(decoding: outData, as: UTF8.self)
    stderr = String(decoding: errData, as: UTF8.self)
  }

  /// The `vmsync` built beside this test bundle.
  public static let executable: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: directory.appendingPathComponent("vmsync").path),
      directory.path != "/"
    {
      directory.deleteLastPathComponent()
    }
    return directory.appendingPathComponent("vmsync")
  }()
}
