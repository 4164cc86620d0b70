/// Turns Python source bytes into tokens the way CPython's tokenizer does, without comments,
/// blank lines or line continuations. It never fails: problems become `SyntaxIssue`s.
struct Lexer {
  let buffer: UnsafeBufferPointer<UInt8>
  var index: Int
  var line: Int32 = 1
  var lineStart: Int
  var tokens: [Token] = []
  var issues: [SyntaxIssue] = []
  var indents: [Int32] = [0]
  /// Open brackets: the opening byte and where it was.
  var brackets: [(byte: UInt8, line: Int32, column: Int32)] = []
  var atLineStart = true

  static let maxIssues = 50
  /// Deeper indentation, bracket or f-string nesting is reported, as CPython does, which also
  /// bounds the parser's recursion.
  static let maxIndentation = 100
  static let maxNesting = 200
  /// Current nesting of f-string replacement fields.
  var fieldDepth = 0
  /// Set while rescanning a broken single-quoted f-string with pre-3.12 line rules.
  var fieldsEndAtNewline = false

  init(_ buffer: UnsafeBufferPointer<UInt8>, start: Int) {
    self.buffer = buffer
    self.index = start
    self.lineStart = start
    tokens.reserveCapacity(buffer.count / 4 + 16)
  }

  /// Tokenizes the whole buffer; the result always ends with NEWLINE, DEDENTs and ENDMARKER.
  mutating func run() {
    let n = buffer.count
    while index < n {
      if atLineStart {
        if brackets.isEmpty {
          if !readIndentation() { continue }
        }
        atLineStart = false
      }
      let before = index
      lexOne()
      assert(index > before, "lexer made no progress")
      if index <= before { index = before + 1 }
    }
    if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
      push(.newline, 0, index, index)
    }
    if let open = brackets.first {
      issue(Int(open.line), Int(open.column), "'\(Character(UnicodeScalar(open.byte)))' was never closed")
    }
    while indents.count > 1 {
      indents.removeLast()
      push(.dedent, 0, index, index)
    }
    push(.endMarker, 0, index, index)
  }

  @inline(__always) func column(_ position: Int) -> Int32 { Int32(position - lineStart + 1) }

  @inline(__always) mutating func push(_ kind: TokenKind, _ code: UInt8, _ start: Int, _ end: Int) {
    tokens.append(Token(kind: kind, code: code, start: Int32(start), end: Int32(end),
                        line: line, column: column(start)))
  }

  mutating func issue(_ line: Int, _ column: Int, _ message: String) {
    guard issues.count < Lexer.maxIssues else { return }
    issues.append(SyntaxIssue(line: line, column: column, message: message))
  }

  /// Consumes a newline sequence (`\n`, `\r\n` or `\r`) at `index`.
  @inline(__always) mutating func consumeNewline() {
    if buffer[index] == UInt8(ascii: "\r"), index + 1 < buffer.count,
       buffer[index + 1] == UInt8(ascii: "\n") {
      index += 2
    } else {
      index += 1
    }
    line += 1
    lineStart = index
  }

  /// Measures the indentation of a new line and emits INDENT/DEDENT tokens.
  /// Returns false when the line was blank or a comment and has been consumed.
  mutating func readIndentation() -> Bool {
    var col: Int32 = 0
    let n = buffer.count
    while index < n {
      switch buffer[index] {
      case UInt8(ascii: " "): col += 1
      case UInt8(ascii: "\t"): col = (col / 8 + 1) * 8
      case 0x0C: col = 0
      default:
        return finishIndentation(col)
      }
      index += 1
    }
    return false
  }

  mutating func finishIndentation(_ col: Int32) -> Bool {
    let n = buffer.count
    switch buffer[index] {
    case UInt8(ascii: "#"):
      while index < n, buffer[index] != 10, buffer[index] != 13 { index += 1 }
      if index < n { consumeNewline() }
      return false
    case 10, 13:
      consumeNewline()
      return false
    case UInt8(ascii: "\\"):
      // A continuation right after indentation joins the next line; CPython measures there.
      if index + 1 < n, buffer[index + 1] == 10 || buffer[index + 1] == 13 {
        index += 1
        consumeNewline()
        return false
      }
    default: break
    }
    let top = indents[indents.count - 1]
    if col > top {
      guard indents.count <= Lexer.maxIndentation else {
        issue(Int(line), Int(column(index)), "too many levels of indentation")
        return true
      }
      indents.append(col)
      push(.indent, 0, index, index)
    } else if col < top {
      while indents.count > 1, indents[indents.count - 1] > col {
        indents.removeLast()
        push(.dedent, 0, index, index)
      }
      if indents[indents.count - 1] != col {
        issue(Int(line), Int(column(index)), "unindent does not match any outer indentation level")
        indents[indents.count - 1] = col
      }
    }
    return true
  }

  /// Bit `c - 64` is set for the ASCII bytes 64...127 that may start an identifier: `A`-`Z`,
  /// `_`, `a`-`z`.
  static let identifierStartMask: UInt64 = 0x07FF_FFFE_87FF_FFFE
  /// Bit `c` is set for the ASCII bytes 0...63 that may continue an identifier: `0`-`9`.
  static let digitMask: UInt64 = 0x03FF_0000_0000_0000

  @inline(__always) static func isIdentifierStart(_ c: UInt8) -> Bool {
    c >= 0x80 || (c >= 64 && identifierStartMask >> (c & 63) & 1 == 1)
  }

  @inline(__always) static func isIdentifierByte(_ c: UInt8) -> Bool {
    c >= 0x80 || (c >= 64 ? identifierStartMask : digitMask) >> (c & 63) & 1 == 1
  }

  mutating func lexOne() {
    let n = buffer.count
    let c = buffer[index]
    switch c {
    case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
      index += 1
      while index < n, buffer[index] == UInt8(ascii: " ") || buffer[index] == UInt8(ascii: "\t")
        || buffer[index] == 0x0C {
        index += 1
      }
    case UInt8(ascii: "#"):
      while index < n, buffer[index] != 10, buffer[index] != 13 { index += 1 }
    case 10, 13:
      let at = index
      if brackets.isEmpty {
        push(.newline, 0, at, at)
        atLineStart = true
      } else if startsDefinitionAfterNewline() {
        let open = brackets[0]
        issue(Int(open.line), Int(open.column),
              "'\(Character(UnicodeScalar(open.byte)))' was never closed")
        brackets.removeAll()
        push(.newline, 0, at, at)
        atLineStart = true
      }
      consumeNewline()
    case UInt8(ascii: "\\"):
      if index + 1 < n, buffer[index + 1] == 10 || buffer[index + 1] == 13 {
        index += 1
        consumeNewline()
        if index >= n { issue(Int(line), 1, "unexpected EOF while parsing") }
      } else {
        issue(Int(line), Int(column(index)), "unexpected character after line continuation character")
        index += 1
      }
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      lexString(prefixStart: index, flags: [])
    case 48...57:
      lexNumber()
    case UInt8(ascii: "."):
      if index + 1 < n, buffer[index + 1] >= 48, buffer[index + 1] <= 57 {
        lexNumber()
      } else if index + 2 < n, buffer[index + 1] == c, buffer[index + 2] == c {
        push(.op, Op.ellipsis.rawValue, index, index + 3)
        index += 3
      } else {
        push(.op, Op.dot.rawValue, index, index + 1)
        index += 1
      }
    default:
      if Lexer.isIdentifierStart(c) {
        lexName()
      } else {
        lexOperator()
      }
    }
  }

  /// Inside brackets, a `def`/`class` at column 0 means a bracket was left open above.
  func startsDefinitionAfterNewline() -> Bool {
    var next = index + 1
    if buffer[index] == 13, next < buffer.count, buffer[next] == 10 { next += 1 }
    // Most lines inside brackets start with a blank: only `d`, `c` or `a` can begin a word here.
    guard next < buffer.count, buffer[next] == UInt8(ascii: "d") || buffer[next] == UInt8(ascii: "c")
      || buffer[next] == UInt8(ascii: "a") else { return false }
    func word(_ w: StaticString) -> Bool {
      let count = w.utf8CodeUnitCount
      guard next + count < buffer.count else { return false }
      let p = w.utf8Start
      for i in 0..<count where buffer[next + i] != p[i] { return false }
      let after = buffer[next + count]
      return after == 32 || after == 9
    }
    return word("def") || word("class") || word("async")
  }

  mutating func lexName() {
    let n = buffer.count
    let start = index
    index += 1
    while index < n, Lexer.isIdentifierByte(buffer[index]) { index += 1 }
    if index < n, buffer[index] == UInt8(ascii: "'") || buffer[index] == UInt8(ascii: "\""),
       let flags = StringFlags(prefix: buffer, start, index) {
      lexString(prefixStart: start, flags: flags)
      return
    }
    push(.name, KeywordTable.code(buffer, start, index), start, index)
  }

  mutating func lexNumber() {
    let n = buffer.count
    let start = index
    @inline(__always) func digits(_ allowLetters: Bool) {
      while index < n {
        let d = buffer[index]
        if (d >= 48 && d <= 57) || d == 95 || (allowLetters && Lexer.isIdentifierStart(d) && d < 0x80) {
          index += 1
        } else {
          break
        }
      }
    }
    if buffer[index] == 48, index + 1 < n,
       [UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "o"), UInt8(ascii: "O"),
        UInt8(ascii: "b"), UInt8(ascii: "B")].contains(buffer[index + 1]) {
      index += 2
      digits(true)
    } else {
      digits(false)
      if index < n, buffer[index] == UInt8(ascii: ".") {
        index += 1
        digits(false)
      }
      if index < n, buffer[index] | 0x20 == UInt8(ascii: "e") {
        var j = index + 1
        if j < n, buffer[j] == UInt8(ascii: "+") || buffer[j] == UInt8(ascii: "-") { j += 1 }
        if j < n, buffer[j] >= 48, buffer[j] <= 57 {
          index = j
          digits(false)
        }
      }
      if index < n, buffer[index] | 0x20 == UInt8(ascii: "j") { index += 1 }
    }
    push(.number, 0, start, index)
  }

  mutating func lexOperator() {
    let n = buffer.count
    let c = buffer[index]
    let c1: UInt8 = index + 1 < n ? buffer[index + 1] : 0
    let c2: UInt8 = index + 2 < n ? buffer[index + 2] : 0
    let eq = UInt8(ascii: "=")
    var length = 1
    var code = Op.other
    switch c {
    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
      code = c == UInt8(ascii: "(") ? .lpar : c == UInt8(ascii: "[") ? .lsqb : .lbrace
      if brackets.count == Lexer.maxNesting {
        issue(Int(line), Int(column(index)), "too many nested parentheses")
      }
      brackets.append((c, line, column(index)))
    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
      code = c == UInt8(ascii: ")") ? .rpar : c == UInt8(ascii: "]") ? .rsqb : .rbrace
      let expected: UInt8 = c == UInt8(ascii: ")") ? UInt8(ascii: "(")
        : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
      guard let open = brackets.popLast() else {
        issue(Int(line), Int(column(index)), "unmatched '\(Character(UnicodeScalar(c)))'")
        index += 1
        return
      }
      if open.byte != expected {
        issue(Int(line), Int(column(index)),
              "closing parenthesis '\(Character(UnicodeScalar(c)))' does not match opening "
                + "parenthesis '\(Character(UnicodeScalar(open.byte)))'")
      }
    case UInt8(ascii: ":"):
      if c1 == eq { length = 2; code = .colonEqual } else { code = .colon }
    case UInt8(ascii: ","): code = .comma
    case UInt8(ascii: ";"): code = .semi
    case eq:
      if c1 == eq { length = 2 } else { code = .equal }
    case UInt8(ascii: "@"):
      if c1 == eq { length = 2; code = .augAssign } else { code = .at }
    case UInt8(ascii: "-"):
      if c1 == UInt8(ascii: ">") { length = 2; code = .arrow }
      else if c1 == eq { length = 2; code = .augAssign } else { code = .minus }
    case UInt8(ascii: "+"):
      if c1 == eq { length = 2; code = .augAssign } else { code = .plus }
    case UInt8(ascii: "*"), UInt8(ascii: "/"):
      if c1 == c {
        if c2 == eq { length = 3; code = .augAssign }
        else { length = 2; code = c == UInt8(ascii: "*") ? .doubleStar : .other }
      } else if c1 == eq {
        length = 2; code = .augAssign
      } else {
        code = c == UInt8(ascii: "*") ? .star : .slash
      }
    case UInt8(ascii: "<"), UInt8(ascii: ">"):
      if c1 == c {
        if c2 == eq { length = 3; code = .augAssign } else { length = 2 }
      } else if c1 == eq {
        length = 2
      } else if c == UInt8(ascii: "<"), c1 == UInt8(ascii: ">") {
        length = 2
      }
    case UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "|"), UInt8(ascii: "^"):
      if c1 == eq { length = 2; code = .augAssign }
    case UInt8(ascii: "~"): break
    case UInt8(ascii: "!"):
      if c1 == eq {
        length = 2
      } else {
        issue(Int(line), Int(column(index)), "invalid syntax")
        index += 1
        return
      }
    default:
      let shown = c >= 32 && c < 127 ? "'\(Character(UnicodeScalar(c)))'" : "U+\(String(c, radix: 16, uppercase: true))"
      issue(Int(line), Int(column(index)), "invalid character \(shown)")
      index += 1
      return
    }
    push(.op, code.rawValue, index, index + length)
    index += length
  }
}
