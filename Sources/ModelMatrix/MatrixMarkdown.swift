import Foundation

/// A cell of a rendered Markdown matrix: what the table shows and its footnote, if any.
public struct MarkdownCell: Hashable, Sendable {
  /// The state symbol with its proof marks: `✅ᴺ`.
  public var symbol: String
  /// The footnote's text without its number: `**Arch · LoRA** — reasons; proof: …`.
  public var note: String?

  public init(symbol: String, note: String?) {
    self.symbol = symbol
    self.note = note
  }

  /// The cell as one line of text.
  public var text: String { note.map { "\(symbol) \($0)" } ?? symbol }
}

/// A Markdown support matrix (`SupportMatrix.markdown()`) read back: the frame (everything but
/// the rows' cells and their footnotes) and each row's cells with their footnotes resolved, so
/// one row can be compared without the footnote numbers the rows before it shift.
public struct MatrixMarkdown: Equatable, Sendable {
  /// One table row.
  public struct Row: Equatable, Sendable {
    /// The 1-based line of the row in the file.
    public var line: Int
    /// Cells by column title.
    public var cells: [String: MarkdownCell]
  }

  /// The lines that are neither footnotes nor cells: title, legend, counts, column headings,
  /// each row's architecture, family and backend, and the list of unserved architectures.
  public var frame: [String]
  /// The 1-based line of each line of the frame.
  public var frameLines: [Int]
  /// The rows by architecture.
  public var rows: [String: Row]

  /// Reads a rendered matrix; lines it does not recognise belong to the frame.
  public init(_ text: String) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var notes: [String: String] = [:]
    for line in lines where line.hasPrefix("[^") {
      guard let end = line.range(of: "]: ") else { continue }
      notes[String(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound])] = String(line[end.upperBound...])
    }
    var titles: [String] = []
    frame = []
    frameLines = []
    rows = [:]
    for (index, line) in lines.enumerated() where !line.hasPrefix("[^") {
      let fields = Self.fields(line)
      if line.hasPrefix("| Architecture |") { titles = Array(fields.dropFirst(3)) }
      frameLines.append(index + 1)
      guard line.hasPrefix("| `"), fields.count == titles.count + 3 else {
        frame.append(line)
        continue
      }
      frame.append("| " + fields.prefix(3).joined(separator: " | ") + " |")
      var cells: [String: MarkdownCell] = [:]
      for (title, field) in zip(titles, fields.dropFirst(3)) {
        var symbol = field
        var note: String?
        if let start = field.range(of: "[^"), field.hasSuffix("]") {
          symbol = String(field[..<start.lowerBound])
          note = notes[String(field[start.upperBound..<field.index(before: field.endIndex)])]
        }
        cells[title] = MarkdownCell(symbol: symbol, note: note)
      }
      rows[String(fields[0].dropFirst().dropLast())] = Row(line: index + 1, cells: cells)
    }
  }

  /// The fields of a table line, trimmed; escaped pipes stay inside their field.
  static func fields(_ line: String) -> [String] {
    guard line.hasPrefix("|"), line.hasSuffix("|") else { return [] }
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line.dropFirst().dropLast() {
      if character == "|", !escaped {
        fields.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
      } else {
        current.append(character)
      }
      escaped = character == "\\"
    }
    fields.append(current.trimmingCharacters(in: .whitespaces))
    return fields
  }
}
