import Foundation

extension ParityReport {
  /// The report as pretty-printed JSON (sorted keys; non-finite numbers as strings).
  public func renderJSON() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(self), as: UTF8.self)
  }

  /// Decodes a report written by ``renderJSON()``.
  public static func decode(json: Data) throws -> ParityReport {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(ParityReport.self, from: json)
  }

  /// The report as a Markdown table, failures detailed below it.
  public func renderMarkdown() -> String {
    var lines = [
      "# Op parity: vLLM \(revision)", "",
      "\(results.filter(\.passed).count) of \(results.count) op × dtype results pass (seed \(seed)).", "",
      "| op | dtype | cases | max abs | max rel | atol | rtol | result |",
      "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results {
      lines.append(
        "| `\(r.op)` | \(r.dtype) | \(r.cases) | \(Self.number(r.maxAbsError)) | \(Self.number(r.maxRelError)) | "
          + "\(Self.number(r.tolerance.atol)) | \(Self.number(r.tolerance.rtol)) | \(r.passed ? "pass" : "**FAIL**") |")
    }
    let failed = failures
    if !failed.isEmpty {
      lines += ["", "## Failures", ""]
      for r in failed {
        var line = "- `\(r.op)` \(r.dtype)"
        if let mapping = r.mapping { line += " (\(mapping))" }
        if let error = r.error { line += ": \(error)" }
        if let w = r.worst {
          line += ": worst `\(w.output)\(w.index)` expected \(Self.number(w.expected)), got \(Self.number(w.actual))"
            + " in case `\(w.shapeCase)`"
        }
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func number(_ value: Double) -> String {
    value.isFinite ? String(format: "%.3g", value) : "\(value)"
  }
}
