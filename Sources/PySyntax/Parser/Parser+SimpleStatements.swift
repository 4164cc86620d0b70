extension Parser {
  /// Parses the `;`-separated simple statements up to and including the NEWLINE.
  mutating func parseSimpleLine(into out: inout [Statement]) {
    var start = p
    var depth = 0
    while true {
      let token = t[p]
      if token.kind == .newline || token.kind == .endMarker {
        parseSimple(start, p, into: &out)
        if token.kind == .newline { p += 1 }
        return
      }
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.isOp(.semi) {
        parseSimple(start, p, into: &out)
        start = p + 1
      }
      p += 1
    }
  }

  /// One simple statement `start..<end`: keeps imports, assignments, `type` aliases and
  /// `name.method(...)` calls; skims everything else.
  mutating func parseSimple(_ start: Int, _ end: Int, into out: inout [Statement]) {
    guard start < end else { return }
    switch t[start].keyword {
    case .import:
      out.append(.import(parseImportNames(start + 1, end)))
      return
    case .from:
      if let statement = parseFromImport(start, end) { out.append(.importFrom(statement)) }
      return
    case .return, .pass, .break, .continue, .raise, .del, .global, .nonlocal, .assert:
      return
    case .softType where end - start >= 4 && isIdentifier(start + 1):
      if let alias = parseTypeAlias(start, end) {
        out.append(alias)
        return
      }
    default:
      break
    }
    var equals: [Int] = []
    var colon: Int?
    var augmented: Int?
    var depth = 0
    var i = start
    scan: while i < end {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.kind == .op {
        switch token.op {
        case .equal: equals.append(i)
        case .colon where equals.isEmpty && colon == nil: colon = i
        case .augAssign where equals.isEmpty && augmented == nil: augmented = i
        default: break
        }
      } else if depth == 0, token.isKeyword(.lambda) {
        break scan  // an expression follows; its `=` and `:` are not assignments
      }
      i += 1
    }
    if let colon {
      guard colon == start + 1, isIdentifier(start) else { return }
      let valueStart = equals.first.map { $0 + 1 }
      out.append(.assignment(AssignmentSyntax(
        names: [nameRef(start)], annotation: (colon + 1)..<(equals.first ?? end),
        value: valueStart.map { $0..<end })))
    } else if let augmented {
      if augmented == start + 1, isIdentifier(start) {
        out.append(.augmentedAssignment(target: nameRef(start), value: (augmented + 1)..<end))
      }
    } else if let last = equals.last {
      var names: [NameRef] = []
      var targetStart = start
      for equal in equals {
        targetNames(targetStart, equal, into: &names)
        targetStart = equal + 1
      }
      if !names.isEmpty {
        out.append(.assignment(AssignmentSyntax(names: names, annotation: nil, value: (last + 1)..<end)))
      }
    } else if end - start >= 5, isIdentifier(start), t[start + 1].isOp(.dot), isIdentifier(start + 2),
              t[start + 3].isOp(.lpar), matchingBracket(start + 3) == end - 1 {
      out.append(.methodCall(receiver: nameRef(start), method: text(start + 2),
                             arguments: (start + 4)..<(end - 1)))
    }
  }

  /// Names bound by an assignment target: plain names, possibly in (nested) tuples or lists,
  /// possibly starred. Attribute and subscript targets bind no module or class name.
  func targetNames(_ start: Int, _ end: Int, into names: inout [NameRef], depth: Int = 0) {
    guard start < end, depth < Lexer.maxNesting else { return }
    if end - start == 1 {
      if isIdentifier(start) { names.append(nameRef(start)) }
      return
    }
    let pieces = splitOnCommas(start, end)
    if pieces.count > 1 || (pieces.count == 1 && pieces[0].upperBound < end) {
      for piece in pieces { targetNames(piece.lowerBound, piece.upperBound, into: &names, depth: depth + 1) }
      return
    }
    if t[start].isOp(.star) {
      targetNames(start + 1, end, into: &names, depth: depth + 1)
    } else if t[start].isOp(.lpar) || t[start].isOp(.lsqb), matchingBracket(start) == end - 1 {
      targetNames(start + 1, end - 1, into: &names, depth: depth + 1)
    }
  }

  /// `type Name[T] = value`; nil when the statement is something else using the name `type`.
  func parseTypeAlias(_ start: Int, _ end: Int) -> Statement? {
    var i = start + 2
    if t[i].isOp(.lsqb) {
      i = matchingBracket(i) + 1
      guard i < end else { return nil }
    }
    guard t[i].isOp(.equal) else { return nil }
    return .typeAlias(name: nameRef(start + 1), value: (i + 1)..<end)
  }

  /// A dotted name starting at `i`; returns it and the index after it.
  func dottedName(_ i: Int, _ end: Int) -> (String, Int)? {
    guard i < end, isIdentifier(i) else { return nil }
    var name = text(i)
    var j = i + 1
    while j + 1 < end, t[j].isOp(.dot), isIdentifier(j + 1) {
      name += "." + text(j + 1)
      j += 2
    }
    return (name, j)
  }

  /// `a.b as c, d` of an `import` statement.
  mutating func parseImportNames(_ start: Int, _ end: Int) -> [ImportedName] {
    var names: [ImportedName] = []
    for piece in splitOnCommas(start, end) {
      guard let (name, after) = dottedName(piece.lowerBound, piece.upperBound) else {
        error(at: piece.lowerBound, "invalid syntax: expected a module name")
        continue
      }
      var asName: String?
      if after + 1 < piece.upperBound, t[after].isKeyword(.as), isIdentifier(after + 1) {
        asName = text(after + 1)
      } else if after != piece.upperBound {
        error(at: after, "invalid syntax")
      }
      names.append(ImportedName(name: name, asName: asName, line: Int(t[piece.lowerBound].line)))
    }
    return names
  }

  /// `from .m import a as b, (c)` or `from m import *`; `start` is at `from`.
  mutating func parseFromImport(_ start: Int, _ end: Int) -> ImportFromSyntax? {
    var i = start + 1
    var level = 0
    while i < end, t[i].isOp(.dot) || t[i].isOp(.ellipsis) {
      level += t[i].isOp(.dot) ? 1 : 3
      i += 1
    }
    var module: String?
    if let (name, after) = dottedName(i, end) {
      module = name
      i = after
    }
    guard i < end, t[i].isKeyword(.import), level > 0 || module != nil else {
      error(at: i, "invalid syntax")
      return nil
    }
    i += 1
    let line = Int(t[start].line)
    if i < end, t[i].isOp(.star) {
      return ImportFromSyntax(level: level, module: module, names: [], isStar: true, line: line)
    }
    var namesEnd = end
    if i < end, t[i].isOp(.lpar) {
      namesEnd = matchingBracket(i)
      i += 1
    }
    var names: [ImportedName] = []
    for piece in splitOnCommas(i, namesEnd) {
      let first = piece.lowerBound
      guard isIdentifier(first) else {
        error(at: first, "invalid syntax")
        continue
      }
      var asName: String?
      if piece.count == 3, t[first + 1].isKeyword(.as), isIdentifier(first + 2) {
        asName = text(first + 2)
      }
      names.append(ImportedName(name: text(first), asName: asName, line: Int(t[first].line)))
    }
    return ImportFromSyntax(level: level, module: module, names: names, isStar: false, line: line)
  }
}
