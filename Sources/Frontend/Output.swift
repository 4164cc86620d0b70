import Foundation

/// Writes command output: to stdout, or to a file replaced whole (temp file + rename).
public enum Output {
  public static func write(_ text: String, to path: String?) throws(CommandError) {
    guard let path, path != "-" else {
      FileHandle.standardOutput.write(Data(text.utf8))
      if !text.hasSuffix("\n") { FileHandle.standardOutput.write(Data("\n".utf8)) }
      return
    }
    try writeAtomically(Data(text.utf8), to: URL(fileURLWithPath: path))
  }

  /// Writes `data` next to `url` and renames it into place, so a failure leaves nothing half-written.
  public static func writeAtomically(_ data: Data, to url: URL) throws(CommandError) {
    if url.path == "/dev/null" { return }
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    do {
      try data.write(to: temporary)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw CommandError("\(url.path): cannot write: \(reason)")
      }
    } catch let error as CommandError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw CommandError("\(url.path): cannot write: \(error.localizedDescription)")
    }
  }
}
