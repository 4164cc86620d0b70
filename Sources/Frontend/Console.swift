import APIModel
import Foundation

/// Everything the command line prints besides its output: errors, warnings, progress.
public enum Console {
  /// Progress is shown only on an interactive terminal, never in CI.
  public static let showsProgress: Bool =
    isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["CI"] == nil

  /// Prints an error; messages that already read `file:line: error: …` are printed as they are.
  public static func error(_ message: String) {
    if message.contains(": error: ") { return writeLine(message) }
    // Errors without a file say `error: …` themselves; the program's name takes the file's place.
    let text = message.hasPrefix("error: ") ? String(message.dropFirst("error: ".count)) : message
    writeLine("vmsync: error: \(text)")
  }

  /// Prints a one-line account of what a command did.
  public static func note(_ message: String) {
    writeLine("vmsync: \(message)")
  }

  public static func warning(_ message: String) {
    writeLine("vmsync: warning: \(message)")
  }

  /// Prints recoverable diagnostics (files that were reported and skipped), one per line.
  public static func reportDiagnostics(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics where diagnostic.severity == .error {
      writeLine(diagnostic.description)
    }
  }

  /// A progress callback that redraws one status line on stderr, or nil when not on a terminal.
  public static func progress(_ label: String) -> (@Sendable (Int, Int) -> Void)? {
    guard showsProgress else { return nil }
    let shown = ShownPercent()
    return { done, total in
      let percent = total == 0 ? 100 : done * 100 / total
      guard shown.advance(to: percent) else { return }
      write("\r\(label): \(done)/\(total) files (\(percent)%)" + (done == total ? "\r\u{1B}[K" : ""))
    }
  }

  /// A status callback that shows one line at a time on stderr, or nil when not on a terminal.
  public static var status: (@Sendable (String) -> Void)? {
    guard showsProgress else { return nil }
    return { message in write("\r\u{1B}[K\(message)") }
  }

  private static func writeLine(_ text: String) { write(text + "\n") }

  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}

/// The last percentage drawn, so the status line is redrawn only when it changes.
private final class ShownPercent: @unchecked Sendable {
  private let lock = NSLock()
  private var percent = -1

  func advance(to newPercent: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    guard newPercent != percent else { return false }
    percent = newPercent
    return true
  }
}
