import Foundation

extension UpstreamCatalog {
  /// Finds the catalog directory.
  ///
  /// In order: `explicit`; `$VMSYNC_UPSTREAM`; the nearest `upstream/` holding
  /// `releases.yaml` in the current directory or one of its parents; the same search
  /// upwards from the executable (a build inside the package finds the package's data).
  /// - Parameters:
  ///   - explicit: a directory given on the command line.
  ///   - environment: the process environment.
  ///   - currentDirectory: where the upward search starts.
  ///   - executable: the running executable, for the last fallback.
  /// - Returns: the directory holding `releases.yaml`.
  /// - Throws: `UpstreamError` when an explicit or environment directory has no
  ///   `releases.yaml`, or nothing is found.
  public static func locate(
    explicit: URL?,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    executable: URL? = Bundle.main.executableURL
  ) throws(UpstreamError) -> URL {
    if let explicit { return try checked(explicit) }
    if let path = environment["VMSYNC_UPSTREAM"], !path.isEmpty {
      return try checked(URL(fileURLWithPath: path, relativeTo: currentDirectory).standardizedFileURL)
    }
    for start in [currentDirectory, executable?.resolvingSymlinksInPath().deletingLastPathComponent()] {
      if let start, let found = search(upwardsFrom: start) { return found }
    }
    throw UpstreamError(.notLocated)
  }

  private static func checked(_ directory: URL) throws(UpstreamError) -> URL {
    let file = directory.appendingPathComponent("releases.yaml")
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw UpstreamError(.io(path: file.path, reason: "no such file"))
    }
    return directory
  }

  private static func search(upwardsFrom start: URL) -> URL? {
    var directory = start.standardizedFileURL.path
    while true {
      let candidate = URL(fileURLWithPath: directory).appendingPathComponent("upstream")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("releases.yaml").path) { return candidate }
      guard directory != "/", !directory.isEmpty else { return nil }
      let parent = (directory as NSString).deletingLastPathComponent
      directory = parent.isEmpty ? "/" : parent
    }
  }
}
