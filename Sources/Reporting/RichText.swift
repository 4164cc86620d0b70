/// A line of report text: plain runs and code runs. Rule summaries mark code with single
/// backticks; each output style escapes the runs its own way.
enum RichText {
  case plain(String)
  case code(String)

  /// Splits a summary on backticks; an unbalanced summary is all plain text.
  static func parse(_ text: String) -> [RichText] {
    let parts = text.split(separator: "`", omittingEmptySubsequences: false)
    guard parts.count % 2 == 1 else { return [.plain(text)] }
    return parts.enumerated().compactMap { i, part in
      if part.isEmpty { return nil }
      return i % 2 == 0 ? .plain(String(part)) : .code(String(part))
    }
  }
}
