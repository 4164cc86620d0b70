import APIDiff
import APIExtraction
import APIModel

/// Parameters as the source text of a parameter list, and back.
public enum SignatureText {
  /// `(self, x: int, /, y=None, *, z)`: markers for positional-only and keyword-only included.
  public static func render(_ params: [Parameter]) -> String {
    var parts: [String] = []
    let lastPositionalOnly = params.lastIndex { $0.kind == .positionalOnly }
    let hasStar = params.contains { $0.kind == .varPositional }
    var starWritten = hasStar
    for (index, param) in params.enumerated() {
      if param.kind == .keywordOnly, !starWritten {
        parts.append("*")
        starWritten = true
      }
      parts.append(param.sourceText)
      if index == lastPositionalOnly { parts.append("/") }
    }
    return "(" + parts.joined(separator: ", ") + ")"
  }

  /// The parameters of a parameter list's text, or nil when it does not parse.
  public static func parse(_ text: String) -> [Parameter]? {
    let source = "def _signature\(text):\n    pass\n"
    let surface = extractModule(source: Array(source.utf8), file: "_signature.py", module: "_signature", isPackage: false)
    guard surface.diagnostics.isEmpty else { return nil }
    return surface.symbols.first { $0.path == "_signature._signature" }?.params
  }
}
