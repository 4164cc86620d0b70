import APIDiff
import APIModel
import Dispatch

/// Renders diff reports (`vmsync.diff/1`) and snapshots (`vmsync.snapshot/1`) as JSON with
/// sorted keys and explicit nulls; see `docs/report-schema.md`.
///
/// The file layout puts each module header, symbol and change on a line of its own, so that
/// two reports compare well with a line diff; `pretty: false` writes one line.
public struct JSONReporter: DiffReporter {
  /// Version of the diff report format.
  public static let diffSchema = "vmsync.diff/1"

  /// One item per line for files; a single line otherwise.
  public var pretty: Bool

  public init(pretty: Bool = true) {
    self.pretty = pretty
  }

  public func render(_ report: DiffReport) -> String {
    String(decoding: encode(report), as: UTF8.self)
  }

  /// The snapshot as `vmsync.snapshot/1`; `JSONDecoder` reads it back into a `Snapshot`.
  public func render(_ snapshot: Snapshot) -> String {
    String(decoding: encode(snapshot), as: UTF8.self)
  }

  /// The UTF-8 bytes of `render(report)`, without going through a `String`.
  public func encode(_ report: DiffReport) -> [UInt8] {
    var w = JSONWriter(capacity: 1024 + report.changes.count * 512)
    w.byte(UInt8(ascii: "{"))
    w.key("changes"); w.byte(UInt8(ascii: "["))
    for (index, change) in report.changes.enumerated() {
      if index > 0 { w.byte(UInt8(ascii: ",")) }
      newline(&w)
      write(change, to: &w)
    }
    newline(&w)
    w.raw("],")
    w.key("from"); w.string(report.from); w.byte(UInt8(ascii: ","))
    w.key("schema"); w.string(Self.diffSchema); w.byte(UInt8(ascii: ","))
    w.key("summary"); write(report.summary, to: &w); w.byte(UInt8(ascii: ","))
    w.key("to"); w.string(report.to)
    return finish(&w)
  }

  /// The UTF-8 bytes of `render(snapshot)`, without going through a `String`.
  ///
  /// Modules are rendered on every core, a batch at a time, each into bytes of its own, and
  /// appended in order; a batch bounds the memory held besides the document.
  public func encode(_ snapshot: Snapshot) -> [UInt8] {
    let modules = snapshot.modules
    let symbolCount = modules.reduce(0) { $0 + $1.symbols.count }
    var head = JSONWriter(capacity: 256)
    head.byte(UInt8(ascii: "{"))
    head.key("commit"); head.string(snapshot.commit); head.byte(UInt8(ascii: ","))
    head.key("modules"); head.byte(UInt8(ascii: "["))
    var document = head.bytes
    document.reserveCapacity(4096 + modules.count * 256 + symbolCount * 320)
    let batchSize = 256
    for batchStart in stride(from: 0, to: modules.count, by: batchSize) {
      let batch = modules[batchStart..<min(batchStart + batchSize, modules.count)]
      var rendered = [[UInt8]](repeating: [], count: batch.count)
      rendered.withUnsafeMutableBufferPointer { slots in
        nonisolated(unsafe) let slots = slots
        DispatchQueue.concurrentPerform(iterations: batch.count) { i in
          let module = batch[batch.startIndex + i]
          var w = JSONWriter(capacity: 256 + module.symbols.count * 400)
          if batch.startIndex + i > 0 { w.byte(UInt8(ascii: ",")) }
          newline(&w)
          write(module, to: &w)
          slots[i] = w.bytes
        }
      }
      for bytes in rendered { document.append(contentsOf: bytes) }
    }
    var tail = JSONWriter(capacity: 256)
    newline(&tail)
    tail.raw("],")
    tail.key("release"); tail.string(snapshot.release); tail.byte(UInt8(ascii: ","))
    tail.key("schema"); tail.string(Snapshot.schema)
    document.append(contentsOf: finish(&tail))
    return document
  }

  private func newline(_ w: inout JSONWriter) {
    if pretty { w.byte(UInt8(ascii: "\n")) }
  }

  /// Closes the document (with a final newline for files) and hands over its bytes.
  private func finish(_ w: inout JSONWriter) -> [UInt8] {
    w.byte(UInt8(ascii: "}"))
    newline(&w)
    return w.bytes
  }

  private func write(_ summary: DiffSummary, to w: inout JSONWriter) {
    w.byte(UInt8(ascii: "{"))
    w.key("breaking"); w.int(summary.breaking); w.byte(UInt8(ascii: ","))
    w.key("by_change"); w.byte(UInt8(ascii: "{"))
    for (index, kind) in ChangeKind.allCases.sorted(by: { $0.rawValue < $1.rawValue }).enumerated() {
      if index > 0 { w.byte(UInt8(ascii: ",")) }
      w.string(kind.rawValue); w.byte(UInt8(ascii: ":"))
      w.byte(UInt8(ascii: "{"))
      w.key("breaking"); w.int(summary.breakingCounts[kind] ?? 0); w.byte(UInt8(ascii: ","))
      w.key("count"); w.int(summary.counts[kind] ?? 0)
      w.byte(UInt8(ascii: "}"))
    }
    w.raw("},")
    w.key("total"); w.int(summary.total)
    w.byte(UInt8(ascii: "}"))
  }

  private func write(_ change: Change, to w: inout JSONWriter) {
    w.byte(UInt8(ascii: "{"))
    w.key("breaking"); w.bool(change.isBreaking); w.byte(UInt8(ascii: ","))
    w.key("breaks_callers"); w.bool(change.breaksCallers); w.byte(UInt8(ascii: ","))
    w.key("breaks_subclasses"); w.bool(change.breaksSubclasses); w.byte(UInt8(ascii: ","))
    w.key("change"); w.string(change.change.rawValue); w.byte(UInt8(ascii: ","))
    w.key("details"); w.byte(UInt8(ascii: "["))
    for (index, detail) in change.details.enumerated() {
      if index > 0 { w.byte(UInt8(ascii: ",")) }
      w.byte(UInt8(ascii: "{"))
      w.key("breaking"); w.bool(detail.isBreaking); w.byte(UInt8(ascii: ","))
      w.key("kind"); w.string(detail.kind.rawValue); w.byte(UInt8(ascii: ","))
      w.key("name"); w.string(detail.name); w.byte(UInt8(ascii: ","))
      w.key("new"); w.string(detail.new); w.byte(UInt8(ascii: ","))
      w.key("note"); w.string(detail.note); w.byte(UInt8(ascii: ","))
      w.key("old"); w.string(detail.old)
      w.byte(UInt8(ascii: "}"))
    }
    w.raw("],")
    w.key("new"); write(change.new, to: &w); w.byte(UInt8(ascii: ","))
    w.key("new_path"); w.string(change.newPath); w.byte(UInt8(ascii: ","))
    w.key("old"); write(change.old, to: &w); w.byte(UInt8(ascii: ","))
    w.key("path"); w.string(change.path); w.byte(UInt8(ascii: ","))
    w.key("rule"); w.string(change.rule); w.byte(UInt8(ascii: ","))
    w.key("summary"); w.string(change.summary); w.byte(UInt8(ascii: ","))
    w.key("symbol_kind"); w.string(change.symbolKind.rawValue)
    w.byte(UInt8(ascii: "}"))
  }

  /// `{"file":…,"line":…}` or `null`.
  private func write(_ location: SourceLocation?, to w: inout JSONWriter) {
    guard let location else { return w.raw("null") }
    w.byte(UInt8(ascii: "{"))
    w.key("file"); w.string(location.file); w.byte(UInt8(ascii: ","))
    w.key("line"); w.int(location.line)
    w.byte(UInt8(ascii: "}"))
  }

  // `starImports` keeps the spelling of `ModuleSurface`'s own coding keys, so that
  // `JSONDecoder` reads the document back.
  private func write(_ module: ModuleSurface, to w: inout JSONWriter) {
    w.byte(UInt8(ascii: "{"))
    w.key("diagnostics"); w.byte(UInt8(ascii: "["))
    for (index, diagnostic) in module.diagnostics.enumerated() {
      if index > 0 { w.byte(UInt8(ascii: ",")) }
      w.byte(UInt8(ascii: "{"))
      w.key("location"); w.byte(UInt8(ascii: "{"))
      w.key("column"); w.int(diagnostic.location.column); w.byte(UInt8(ascii: ","))
      w.key("file"); w.string(diagnostic.location.file); w.byte(UInt8(ascii: ","))
      w.key("line"); w.int(diagnostic.location.line)
      w.raw("},")
      w.key("message"); w.string(diagnostic.message); w.byte(UInt8(ascii: ","))
      w.key("severity"); w.string(diagnostic.severity.rawValue)
      w.byte(UInt8(ascii: "}"))
    }
    w.raw("],")
    w.key("exports"); w.strings(module.exports); w.byte(UInt8(ascii: ","))
    w.key("file"); w.string(module.file); w.byte(UInt8(ascii: ","))
    w.key("module"); w.string(module.module); w.byte(UInt8(ascii: ","))
    w.key("starImports"); w.strings(module.starImports); w.byte(UInt8(ascii: ","))
    w.key("symbols"); w.byte(UInt8(ascii: "["))
    for (index, symbol) in module.symbols.enumerated() {
      if index > 0 { w.byte(UInt8(ascii: ",")) }
      newline(&w)
      write(symbol, to: &w)
    }
    w.raw("]}")
  }

  private func write(_ symbol: Symbol, to w: inout JSONWriter) {
    w.byte(UInt8(ascii: "{"))
    w.key("annotation"); w.string(symbol.annotation); w.byte(UInt8(ascii: ","))
    w.key("async"); w.bool(symbol.isAsync); w.byte(UInt8(ascii: ","))
    w.key("bases"); w.strings(symbol.bases); w.byte(UInt8(ascii: ","))
    w.key("body_hash"); w.string(symbol.bodyHash); w.byte(UInt8(ascii: ","))
    w.key("conditions")
    if let conditions = symbol.conditions {
      w.strings(conditions.map(\.rawValue))
    } else {
      w.raw("null")
    }
    w.byte(UInt8(ascii: ","))
    w.key("decorators"); w.strings(symbol.decorators); w.byte(UInt8(ascii: ","))
    w.key("file"); w.string(symbol.file); w.byte(UInt8(ascii: ","))
    w.key("kind"); w.string(symbol.kind.rawValue); w.byte(UInt8(ascii: ","))
    w.key("line"); w.int(symbol.line); w.byte(UInt8(ascii: ","))
    w.key("params")
    if let params = symbol.params {
      w.byte(UInt8(ascii: "["))
      for (index, parameter) in params.enumerated() {
        if index > 0 { w.byte(UInt8(ascii: ",")) }
        w.byte(UInt8(ascii: "{"))
        w.key("annotation"); w.string(parameter.annotation); w.byte(UInt8(ascii: ","))
        w.key("default"); w.string(parameter.default); w.byte(UInt8(ascii: ","))
        w.key("kind"); w.string(parameter.kind.rawValue); w.byte(UInt8(ascii: ","))
        w.key("name"); w.string(parameter.name)
        w.byte(UInt8(ascii: "}"))
      }
      w.byte(UInt8(ascii: "]"))
    } else {
      w.raw("null")
    }
    w.byte(UInt8(ascii: ","))
    w.key("path"); w.string(symbol.path); w.byte(UInt8(ascii: ","))
    w.key("returns"); w.string(symbol.returns); w.byte(UInt8(ascii: ","))
    w.key("target"); w.string(symbol.target); w.byte(UInt8(ascii: ","))
    w.key("value"); w.string(symbol.value)
    w.byte(UInt8(ascii: "}"))
  }
}
