import APIDiff
import APIModel

/// Renders a snapshot as a Markdown summary: counts per symbol kind, then per module its
/// classes (with methods) and functions, with signatures.
public struct SnapshotMarkdownReporter: Sendable {
  /// The name in the title, `vLLM`.
  public var package: String
  /// List symbols with a private path component too.
  public var includePrivate: Bool

  public init(package: String = "vLLM", includePrivate: Bool = false) {
    self.package = package
    self.includePrivate = includePrivate
  }

  public func render(_ snapshot: Snapshot) -> String {
    let symbols = snapshot.symbols.filter { includePrivate || $0.isPublic }
    var out = "# \(Markdown.text("\(package) \(snapshot.release) API surface"))\n\n"
    out += "| Kind | Count |\n|---|---:|\n"
    for kind in SymbolKind.allCases {
      out += "| \(kind.rawValue) | \(symbols.count { $0.kind == kind }) |\n"
    }
    let diagnostics = snapshot.diagnostics.count
    if diagnostics > 0 { out += "\n\(diagnostics) diagnostic\(diagnostics == 1 ? "" : "s") while reading the sources.\n" }
    for module in snapshot.modules where includePrivate || SymbolPath.isPublicPath(module.module) {
      let members = module.symbols.filter {
        ($0.kind == .class || $0.kind == .function || $0.kind == .method) && (includePrivate || $0.isPublic)
      }
      guard !members.isEmpty else { continue }
      out += "\n## \(Markdown.code(module.module))\n\n"
      for symbol in members {
        let depth = symbol.path.dropFirst(module.module.count + 1).count { $0 == "." }
        out += String(repeating: "  ", count: depth) + "- " + Markdown.code(declaration(symbol)) + "\n"
      }
    }
    return out
  }

  private func declaration(_ s: Symbol) -> String {
    switch s.kind {
    case .class:
      let bases = s.bases ?? []
      return "class \(s.name)" + (bases.isEmpty ? "" : "(" + bases.joined(separator: ", ") + ")")
    default:
      let params = (s.params ?? []).map(\.sourceText).joined(separator: ", ")
      return (s.isAsync == true ? "async def " : "def ") + "\(s.name)(\(params))" + (s.returns.map { " -> " + $0 } ?? "")
    }
  }
}
