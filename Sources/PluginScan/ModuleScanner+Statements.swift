import APIModel
import PySyntax

/// What an assigned value is, as far as a patch needs it.
struct AssignedValue {
  /// The plugin object assigned: a plugin name, the function inside `staticmethod(f)`, or
  /// the plugin wrapper called around the original.
  var pluginSymbol: String?
  /// `staticmethod` or `classmethod` when the value is wrapped in one.
  var via: String?
  /// What a value that is a plain (dotted) name refers to.
  var alias: Binding?
  /// Resolved dotted names the value mentions, to recognise wrapped originals.
  var mentions: Set<String> = []
  /// The constraints of a value that is a version test (`vllm_version_is("0.9.1")`).
  var versionTest: [VersionConstraint]?
  /// The value is the upstream version (`version("vllm")`).
  var isVersionSubject = false
}

extension ModuleScanner {
  /// The `;`-separated simple statements up to and including the NEWLINE at the end of the line.
  mutating func walkSimpleLine() {
    let end = lineEnd(p)
    var start = p
    var depth = 0
    for i in p..<end {
      if t[i].opensBracket {
        depth += 1
      } else if t[i].closesBracket {
        depth -= 1
      } else if depth == 0, t[i].isOp(.semi) {
        simpleStatement(start, i)
        start = i + 1
      }
    }
    simpleStatement(start, end)
    p = t[end].kind == .newline ? end + 1 : end
  }

  mutating func simpleStatement(_ start: Int, _ end: Int) {
    guard start < end else { return }
    switch t[start].keyword {
    case .import:
      importNames(start + 1, end)
      return
    case .from:
      fromImport(start, end)
      return
    case .global:
      for piece in splitOnCommas(start + 1, end) where isName(piece.lowerBound) {
        scopes[scopes.count - 1].globals.insert(text(piece.lowerBound))
      }
      return
    case .pass, .break, .continue, .nonlocal, .del:
      return
    default:
      break
    }
    var equals: [Int] = []
    var colon: Int?
    var isAugmented = false
    var depth = 0
    scan: for i in start..<end {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.isKeyword(.lambda) {
        break scan  // an expression follows; its `=` and `:` are not assignments
      } else if depth == 0, token.isOp(.equal) {
        equals.append(i)
      } else if depth == 0, token.isOp(.colon), equals.isEmpty, colon == nil {
        colon = i
      } else if depth == 0, token.isOp(.augAssign), equals.isEmpty {
        isAugmented = true
      }
    }
    if let colon {
      guard let equal = equals.first else { return }
      scanExpression(start, colon)
      scanExpression(equal + 1, end)
      assign(start..<colon, value: (equal + 1)..<end)
    } else if !isAugmented, let last = equals.last {
      scanExpression(last + 1, end)
      var targetStart = start
      for equal in equals {
        scanExpression(targetStart, equal)
        assign(targetStart..<equal, value: (last + 1)..<end)
        targetStart = equal + 1
      }
    } else {
      scanExpression(start, end)
    }
  }

  // MARK: Imports

  /// `import a.b as c, d`.
  mutating func importNames(_ start: Int, _ end: Int) {
    for piece in splitOnCommas(start, end) {
      guard let (parts, next) = chain(piece.lowerBound, piece.upperBound) else { continue }
      let name = parts.joined(separator: ".")
      if isUpstream(name) {
        add(.import, name, pluginSymbol: currentSymbol, at: piece.lowerBound, via: "import")
      }
      if next + 1 < piece.upperBound, t[next].isKeyword(.as), isName(next + 1) {
        bind(text(next + 1), .path(name, lane: gates))
      } else {
        bind(parts[0], .path(parts[0], lane: gates))
      }
    }
  }

  /// `from .m import a as b, (c)` or `from m import *`; `start` is at `from`.
  mutating func fromImport(_ start: Int, _ end: Int) {
    var i = start + 1
    var level = 0
    while i < end, t[i].isOp(.dot) || t[i].isOp(.ellipsis) {
      level += t[i].isOp(.dot) ? 1 : 3
      i += 1
    }
    var relative: [String] = []
    if let (parts, next) = chain(i, end) {
      relative = parts
      i = next
    }
    guard i < end, t[i].isKeyword(.import) else { return }
    i += 1
    var base: [String] = []
    if level > 0 {
      base = module.split(separator: ".").map(String.init)
      if !isPackage { base.removeLast() }
      base.removeLast(min(base.count, level - 1))
    }
    let source = (base + relative).joined(separator: ".")
    guard !source.isEmpty else { return }
    let upstream = isUpstream(source)
    if i < end, t[i].isOp(.star) {
      if upstream { add(.import, source, pluginSymbol: currentSymbol, at: start, via: "from-import-star") }
      return
    }
    var namesEnd = end
    if i < end, t[i].isOp(.lpar) {
      namesEnd = matchingBracket(i)
      i += 1
    }
    for piece in splitOnCommas(i, namesEnd) where isName(piece.lowerBound) {
      let name = text(piece.lowerBound)
      let path = source + "." + name
      if upstream {
        add(.import, path, pluginSymbol: currentSymbol, at: piece.lowerBound, via: "from-import")
      }
      if piece.count == 3, t[piece.lowerBound + 1].isKeyword(.as), isName(piece.lowerBound + 2) {
        bind(text(piece.lowerBound + 2), .path(path, lane: gates))
      } else {
        bind(name, .path(path, lane: gates))
      }
    }
  }

  // MARK: Assignments

  /// One target of an assignment: a name, an upstream attribute, `sys.modules[...]`, or a
  /// tuple of those paired with a tuple value where the counts agree.
  mutating func assign(_ target: TokenSpan, value: TokenSpan?) {
    let inner = strippingBrackets(target)
    let pieces = splitOnCommas(inner.lowerBound, inner.upperBound)
    if pieces.count > 1 || (pieces.count == 1 && pieces[0].upperBound < inner.upperBound) {
      var values: [TokenSpan?] = Array(repeating: nil, count: pieces.count)
      if let value {
        let valueInner = strippingBrackets(value)
        let valuePieces = splitOnCommas(valueInner.lowerBound, valueInner.upperBound)
        if valuePieces.count == pieces.count { values = valuePieces }
      }
      for (piece, value) in zip(pieces, values) { assign(piece, value: value) }
      return
    }
    var start = target.lowerBound
    while start < target.upperBound, t[start].isOp(.star) { start += 1 }
    guard let (parts, next) = chain(start, target.upperBound) else { return }
    if next == target.upperBound {
      let assigned = value.map(assignedValue) ?? AssignedValue()
      if parts.count == 1 {
        bindAssigned(parts[0], assigned)
      } else {
        for target in resolveAll(parts) where isUpstream(target.path) {
          addPatch(target, assigned, at: start, via: "assign")
        }
      }
    } else if next + 3 == target.upperBound, t[next].isOp(.lsqb), t[next + 2].isOp(.rsqb),
              resolve(parts) == "sys.modules", let name = parsed.stringValue(next + 1), isUpstream(name) {
      let assigned = value.map(assignedValue) ?? AssignedValue()
      add(.module, name, pluginSymbol: assigned.pluginSymbol, at: start, via: "sys.modules")
    }
  }

  /// `(a, b)` or `[a, b]` → `a, b`.
  func strippingBrackets(_ range: TokenSpan) -> TokenSpan {
    guard range.count >= 2, t[range.lowerBound].isOp(.lpar) || t[range.lowerBound].isOp(.lsqb),
          matchingBracket(range.lowerBound) == range.upperBound - 1 else { return range }
    return (range.lowerBound + 1)..<(range.upperBound - 1)
  }

  /// Binds a plain name target: an alias of a named value, or a value defined here.
  mutating func bindAssigned(_ name: String, _ value: AssignedValue) {
    if let constraints = value.versionTest {
      bind(name, .versionTest(constraints))
    } else if value.isVersionSubject, value.alias == nil {
      bind(name, .versionSubject)
    } else if let alias = value.alias {
      bind(name, alias)
    } else if scopes.count == 1 {
      bind(name, .path(module + "." + name))
    } else {
      bind(name, .opaque)
    }
  }

  /// Records a plugin value assigned over the upstream attribute `target`.
  mutating func addPatch(_ target: Resolved, _ value: AssignedValue, at index: Int, via: String) {
    let isWrap = value.mentions.contains(target.path)
    add(isWrap ? .wrap : .replace, target.path, pluginSymbol: value.pluginSymbol, at: index, via: value.via ?? via,
        lane: target.lane)
  }

  /// What the expression `range` assigns.
  func assignedValue(_ range: TokenSpan) -> AssignedValue {
    var value = AssignedValue()
    let inner = strippingParentheses(range.lowerBound, range.upperBound)
    for i in inner where isName(i) && !(i > inner.lowerBound && t[i - 1].isOp(.dot)) {
      if let (parts, _) = chain(i, inner.upperBound) { value.mentions.formUnion(resolveAll(parts).map(\.path)) }
    }
    if let test = gate(inner.lowerBound, inner.upperBound), test.isExact, !test.isTypeChecking {
      value.versionTest = test.constraints
    }
    value.isVersionSubject = isVersionSubject(inner)
    guard let (parts, next) = chain(inner.lowerBound, inner.upperBound) else { return value }
    if next == inner.upperBound {
      value.alias = binding(parts)
      value.pluginSymbol = resolveAll(parts).lazy.compactMap { pluginPath($0.path) }.first
      return value
    }
    guard t[next].isOp(.lpar), matchingBracket(next) == inner.upperBound - 1 else { return value }
    if parts.count == 1, parts[0] == "staticmethod" || parts[0] == "classmethod", lookup(parts[0]) == nil {
      value.via = parts[0]
      if let argument = wholeChain((next + 1)..<(inner.upperBound - 1)) {
        value.pluginSymbol = resolve(argument).flatMap(pluginPath)
      }
    } else {
      value.pluginSymbol = resolve(parts).flatMap(pluginPath)
    }
    return value
  }

  /// `path` when it names plugin code (anything not upstream that the plugin defines or imports
  /// from its own package); nil for upstream and third-party names.
  func pluginPath(_ path: String) -> String? {
    isUpstream(path) || !isPluginPath(path) ? nil : path
  }

  func isPluginPath(_ path: String) -> Bool {
    let root = module.prefix { $0 != "." }
    return path == root || path.hasPrefix(root + ".")
  }
}
