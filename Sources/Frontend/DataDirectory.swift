import Foundation

/// Finds a top-level data directory of this project (`adapters/`) from where vmsync runs.
enum DataDirectory {
  /// `explicit` when given; else the nearest `name/` above the current directory, then above
  /// the executable (a build inside the package finds the package's data).
  static func locate(_ name: String, explicit: String?) throws(CommandError) -> URL {
    if let explicit {
      let url = URL(fileURLWithPath: explicit)
      guard isDirectory(url) else { throw CommandError("\(explicit): no such directory") }
      return url
    }
    let starts = [
      URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
      Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent(),
    ]
    for case var directory? in starts {
      while true {
        let candidate = directory.appendingPathComponent(name)
        if isDirectory(candidate) { return candidate }
        let parent = directory.deletingLastPathComponent()
        if parent.path == directory.path { break }
        directory = parent
      }
    }
    throw CommandError("no \(name)/ directory found above \(FileManager.default.currentDirectoryPath); give --\(name)")
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
