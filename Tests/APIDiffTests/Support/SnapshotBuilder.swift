import APIModel
import Foundation

/// A symbol to be placed under a parent (module or class) by the builder.
struct Node {
  let make: (_ parent: String, _ file: String, _ inClass: Bool) -> [Symbol]

  /// The same symbols, bound only under `if TYPE_CHECKING:`.
  var typeChecking: Node {
    Node { parent, file, inClass in
      make(parent, file, inClass).map { var s = $0; s.conditions = [.typeChecking]; return s }
    }
  }
}

@resultBuilder
enum NodeBuilder {
  static func buildBlock(_ nodes: Node...) -> [Node] { nodes }
}

@resultBuilder
enum ModuleListBuilder {
  static func buildBlock(_ modules: ModuleSurface...) -> [ModuleSurface] { modules }
}

func snap(_ release: String = "v1", @ModuleListBuilder _ modules: () -> [ModuleSurface]) -> Snapshot {
  Snapshot(release: release, modules: modules())
}

/// A module; its file is `a/b.py`, or `a/b/__init__.py` with `package: true`.
func module(_ name: String, package: Bool = false, exports: [String]? = nil, stars: [String]? = nil,
            @NodeBuilder _ body: () -> [Node] = { [] }) -> ModuleSurface {
  let base = name.replacingOccurrences(of: ".", with: "/")
  let file = package ? base + "/__init__.py" : base + ".py"
  let me = Symbol(path: name, kind: .module, file: file, line: 1)
  return ModuleSurface(module: name, file: file, symbols: [me] + body().flatMap { $0.make(name, file, false) },
                       exports: exports, starImports: stars)
}

func cls(_ name: String, bases: [String] = [], decorators: [String]? = nil, body: String = "c0", line: Int = 1,
         @NodeBuilder _ members: () -> [Node] = { [] }) -> Node {
  let children = members()
  return Node { parent, file, _ in
    let path = parent + "." + name
    return [Symbol(path: path, kind: .class, file: file, line: line, bases: bases, decorators: decorators, bodyHash: body)]
      + children.flatMap { $0.make(path, file, true) }
  }
}

/// A function, or a method inside `cls`; `signature` is written as in a `def`.
func fn(_ name: String, _ signature: String = "", returns: String? = nil, decorators: [String]? = nil,
        body: String = "f0", line: Int = 1) -> Node {
  Node { parent, file, inClass in
    [Symbol(path: parent + "." + name, kind: inClass ? .method : .function, file: file, line: line,
            params: parseParameters(signature), returns: returns, decorators: decorators, bodyHash: body)]
  }
}

func attr(_ name: String, _ value: String? = "1", annotation: String? = nil, line: Int = 1) -> Node {
  Node { parent, file, _ in
    [Symbol(path: parent + "." + name, kind: .attribute, file: file, line: line, value: value,
            annotation: annotation)]
  }
}

func alias(_ name: String, _ target: String, line: Int = 1) -> Node {
  Node { parent, file, _ in
    [Symbol(path: parent + "." + name, kind: .alias, file: file, line: line, target: target)]
  }
}

/// Parses `a, /, b: int = 1, *args, c=2, **kw` (commas inside brackets are not split on).
func parseParameters(_ text: String) -> [Parameter] {
  var parts: [String] = []
  var depth = 0
  var current = ""
  for c in text {
    if "([{".contains(c) { depth += 1 }
    if ")]}".contains(c) { depth -= 1 }
    if c == "," && depth == 0 { parts.append(current); current = "" } else { current.append(c) }
  }
  parts.append(current)
  var params: [Parameter] = []
  var kind = ParameterKind.positionalOrKeyword
  for raw in parts.map({ $0.trimmingCharacters(in: .whitespaces) }) where !raw.isEmpty {
    if raw == "/" {
      params = params.map { var p = $0; p.kind = .positionalOnly; return p }
      continue
    }
    if raw == "*" { kind = .keywordOnly; continue }
    var spec = Substring(raw)
    var thisKind = kind
    if spec.hasPrefix("**") { spec = spec.dropFirst(2); thisKind = .varKeyword }
    else if spec.hasPrefix("*") { spec = spec.dropFirst(); thisKind = .varPositional; kind = .keywordOnly }
    var defaultText: String?
    if let eq = spec.firstIndex(of: "=") {
      defaultText = spec[spec.index(after: eq)...].trimmingCharacters(in: .whitespaces)
      spec = spec[..<eq]
    }
    var annotation: String?
    if let colon = spec.firstIndex(of: ":") {
      annotation = spec[spec.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      spec = spec[..<colon]
    }
    params.append(Parameter(name: spec.trimmingCharacters(in: .whitespaces), kind: thisKind,
                            default: defaultText, annotation: annotation))
  }
  return params
}
