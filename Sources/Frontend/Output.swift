import Foundation

/// Writes command output: to stdout, or to a file replaced whole (temp file + rename).
public enum Output {
  public static func write(_ text: String, to path: String?) throws(CommandError) {
    try write(Array(text.utf8), to: path)
  }

  /// Writes UTF-8 `bytes` (to stdout with a final newline added when missing).
  public static func write(_ bytes: [UInt8], to path: String?) throws(CommandError) {
    guard let path, path != "-" else {
      _ = writeAll(bytes, to: STDOUT_FILENO)
      if bytes.last != UInt8(ascii: "\n") { _ = writeAll([UInt8(ascii: "\n")], to: STDOUT_FILENO) }
      return
    }
    try writeAtomically(bytes, to: URL(fileURLWithPath: path))
  }

  /// Writes `bytes` next to `url` and renames it into place, so a failure leaves nothing half-written.
  public static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(CommandError) {
    if url.path == "/dev/null" { return }
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw CommandError("\(url.path): cannot write: \(String(cString: strerror(errno)))")
    }
    let written = writeAll(bytes, to: descriptor)
    let writeError = errno
    let closed = close(descriptor) == 0
    guard written, closed, rename(temporary, url.path) == 0 else {
      let reason = String(cString: strerror(written ? errno : writeError))
      unlink(temporary)
      throw CommandError("\(url.path): cannot write: \(reason)")
    }
  }

  /// Writes every byte to `descriptor`, retrying short writes; false on an error.
  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return false
        }
        offset += count
      }
      return true
    }
  }
}
