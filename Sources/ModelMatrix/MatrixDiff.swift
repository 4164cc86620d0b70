import Foundation

/// What changed in a support matrix between two revisions (or plugin trees).
public struct MatrixDiff: Hashable, Sendable, Codable {
  /// Version of this persisted format.
  public static let schema = "vmsync.matrix-diff/1"

  /// One cell whose state changed.
  public struct Change: Hashable, Sendable, Codable {
    public var architecture: String
    public var column: String
    public var from: CellState
    public var to: CellState
    /// The new cell's reasons.
    public var reasons: [String]
  }

  public var schema: String
  public var from: String
  public var to: String
  /// Models served (supported or partial) now and not before.
  public var added: [String]
  /// Models served before and not now.
  public var lost: [String]
  public var changes: [Change]
  /// Upstream architectures of the newer revision the plugin does not serve.
  public var unservedUpstream: [String]

  /// Compares two matrices cell by cell.
  public init(from old: SupportMatrix, to new: SupportMatrix) {
    schema = MatrixDiff.schema
    from = "\(old.plugin) on vLLM \(old.revision)"
    to = "\(new.plugin) on vLLM \(new.revision)"
    func served(_ row: MatrixRow?) -> Bool { row.map { $0.state == .supported || $0.state == .partial } ?? false }
    let architectures = old.rows.map(\.architecture) + new.rows.map(\.architecture).filter { old[$0] == nil }
    added = architectures.filter { !served(old[$0]) && served(new[$0]) }
    lost = architectures.filter { served(old[$0]) && !served(new[$0]) }
    var changes: [Change] = []
    for architecture in architectures {
      let before = old[architecture]
      let after = new[architecture]
      for column in MatrixColumn.all {
        let a = before?[column.id]?.state ?? .missing
        let b = after?[column.id]
        let bState = b?.state ?? .missing
        if a != bState {
          changes.append(Change(architecture: architecture, column: column.id, from: a, to: bState, reasons: b?.reasons ?? []))
        }
      }
    }
    self.changes = changes
    unservedUpstream = new.unservedUpstream
  }

  /// The diff as GitHub Markdown.
  public func markdown() -> String {
    var out = "# Support matrix changes\n\nFrom **\(markdownEscaped(from))** to **\(markdownEscaped(to))**.\n\n"
    out += "## Models added (\(added.count))\n\n" + list(added)
    out += "## Models lost (\(lost.count))\n\n" + list(lost)
    out += "## Changed cells (\(changes.count))\n\n"
    if changes.isEmpty {
      out += "None.\n\n"
    } else {
      out += "| Architecture | Feature | Before | After | Why |\n|---|---|:-:|:-:|---|\n"
      for change in changes {
        let title = MatrixColumn.named(change.column)?.title ?? change.column
        out += "| `\(change.architecture)` | \(markdownEscaped(title)) | \(change.from.symbol) | \(change.to.symbol) | "
        out += change.reasons.map(markdownReason).joined(separator: "; ") + " |\n"
      }
      out += "\n"
    }
    out += "## Upstream architectures the plugin does not serve yet (\(unservedUpstream.count))\n\n" + list(unservedUpstream)
    return out
  }

  /// The diff as `vmsync.matrix-diff/1` JSON.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
  }

  /// The diff as a self-contained HTML page.
  public func html() -> String {
    var rows = ""
    for change in changes {
      rows += "<tr><td><code>\(htmlEscaped(change.architecture))</code></td><td>\(htmlEscaped(change.column))</td>"
      rows += "<td>\(change.from.symbol)</td><td>\(change.to.symbol)</td><td>\(htmlEscaped(change.reasons.joined(separator: "; ")))</td></tr>\n"
    }
    func items(_ names: [String]) -> String { names.map { "<code>\(htmlEscaped($0))</code>" }.joined(separator: ", ") }
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Support matrix changes</title>
      <style>body{font-family:system-ui,sans-serif;margin:1.5em}table{border-collapse:collapse}
      th,td{border:1px solid #ccc;padding:.2em .5em}</style></head><body>
      <h1>Support matrix changes</h1><p>From <b>\(htmlEscaped(from))</b> to <b>\(htmlEscaped(to))</b>.</p>
      <h2>Models added (\(added.count))</h2><p>\(items(added))</p>
      <h2>Models lost (\(lost.count))</h2><p>\(items(lost))</p>
      <h2>Changed cells (\(changes.count))</h2>
      <table><tr><th>Architecture</th><th>Feature</th><th>Before</th><th>After</th><th>Why</th></tr>
      \(rows)</table>
      <h2>Upstream architectures the plugin does not serve yet (\(unservedUpstream.count))</h2><p>\(items(unservedUpstream))</p>
      </body></html>

      """
  }

  private func list(_ names: [String]) -> String {
    names.isEmpty ? "None.\n\n" : names.map { "- `\($0)`" }.joined(separator: "\n") + "\n\n"
  }
}
