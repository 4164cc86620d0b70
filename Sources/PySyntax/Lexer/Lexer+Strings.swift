/// What a string prefix (`r`, `b`, `u`, `f`, `rb`, `fr`, … in any case) says about the literal.
struct StringFlags: OptionSet {
  let rawValue: UInt8
  static let raw = StringFlags(rawValue: 1)
  static let bytes = StringFlags(rawValue: 2)
  static let formatted = StringFlags(rawValue: 4)
  static let unicode = StringFlags(rawValue: 8)

  init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Flags of the prefix `buffer[start..<end]`, or nil when it is not a string prefix.
  init?(prefix buffer: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
    guard end - start <= 2 else { return nil }
    var flags: StringFlags = []
    for i in start..<end {
      let flag: StringFlags
      switch buffer[i] | 0x20 {
      case UInt8(ascii: "r"): flag = .raw
      case UInt8(ascii: "b"): flag = .bytes
      case UInt8(ascii: "f"), UInt8(ascii: "t"): flag = .formatted
      case UInt8(ascii: "u"): flag = .unicode
      default: return nil
      }
      guard !flags.contains(flag) else { return nil }
      flags.insert(flag)
    }
    if flags.contains(.unicode), flags != .unicode { return nil }
    if flags.contains(.bytes), flags.contains(.formatted) { return nil }
    self = flags
  }
}

extension Lexer {
  /// Lexes a string literal whose prefix starts at `prefixStart` and whose quote is at `index`.
  mutating func lexString(prefixStart: Int, flags: StringFlags) {
    let startLine = line
    let startColumn = column(prefixStart)
    let startLineStart = lineStart
    let triple = isTripleQuote()
    let quoteIndex = index
    let issueCount = issues.count
    var terminated = scanString(flags: flags)
    if !terminated, flags.contains(.formatted), !triple {
      // A broken single-quoted f-string: rather than letting a replacement field run on
      // through the rest of the file, end it at its own line, as Python before 3.12 did.
      index = quoteIndex
      line = startLine
      lineStart = startLineStart
      issues.removeSubrange(issueCount...)
      fieldsEndAtNewline = true
      terminated = scanString(flags: flags)
      fieldsEndAtNewline = false
    }
    if !terminated {
      let kind = flags.contains(.formatted) ? "f-string" : "string"
      let message: String
      if triple {
        message = "unterminated triple-quoted \(kind) literal (detected at line \(line))"
      } else {
        message = "unterminated \(kind) literal (detected at line \(startLine))"
      }
      issue(Int(startLine), Int(startColumn), message)
    }
    tokens.append(Token(kind: .string, code: flags.rawValue, start: Int32(prefixStart),
                        end: Int32(index), line: startLine,
                        column: Int32(prefixStart - startLineStart + 1)))
  }

  /// Whether the quote at `index` opens a triple-quoted literal.
  func isTripleQuote() -> Bool {
    let q = buffer[index]
    return index + 2 < buffer.count && buffer[index + 1] == q && buffer[index + 2] == q
  }

  /// Scans one literal starting at the quote at `index`; leaves `index` after it.
  /// Returns false when unterminated (then `index` is at the end of the line or file).
  mutating func scanString(flags: StringFlags) -> Bool {
    let n = buffer.count
    let quote = buffer[index]
    let triple = isTripleQuote()
    index += triple ? 3 : 1
    let formatted = flags.contains(.formatted)
    let raw = flags.contains(.raw)
    while index < n {
      let c = buffer[index]
      switch c {
      case UInt8(ascii: "\\"):
        index += 1
        guard index < n else { return false }
        if formatted, !raw, buffer[index] == UInt8(ascii: "N"), index + 1 < n,
           buffer[index + 1] == UInt8(ascii: "{") {
          while index < n, buffer[index] != UInt8(ascii: "}"), buffer[index] != 10,
                buffer[index] != 13, buffer[index] != quote {
            index += 1
          }
          if index < n, buffer[index] == UInt8(ascii: "}") { index += 1 }
        } else if buffer[index] == 10 || buffer[index] == 13 {
          consumeNewline()
        } else if !formatted || (buffer[index] != UInt8(ascii: "{") && buffer[index] != UInt8(ascii: "}")) {
          index += 1
        }
      case quote:
        if !triple {
          index += 1
          return true
        }
        if index + 2 < n, buffer[index + 1] == quote, buffer[index + 2] == quote {
          index += 3
          return true
        }
        index += 1
      case 10, 13:
        if !triple { return false }
        consumeNewline()
      case UInt8(ascii: "{") where formatted:
        if index + 1 < n, buffer[index + 1] == UInt8(ascii: "{") {
          index += 2
        } else {
          index += 1
          if !scanReplacementField(quote: quote, triple: triple) {
                    return false
          }
        }
      default:
        index += 1
      }
    }
    return false
  }

  /// Scans an f-string replacement field after its `{`, through its closing `}`.
  /// Handles nested strings (PEP 701 allows the enclosing quote), brackets, `!r` conversions
  /// and format specs with nested fields.
  mutating func scanReplacementField(quote: UInt8, triple: Bool) -> Bool {
    guard fieldDepth < Lexer.maxNesting else {
      issue(Int(line), Int(column(index)), "f-string: expressions nested too deeply")
      return false
    }
    fieldDepth += 1
    defer { fieldDepth -= 1 }
    let n = buffer.count
    var depth = 0
    while index < n {
      let c = buffer[index]
      switch c {
      case UInt8(ascii: "'"), UInt8(ascii: "\""):
        if !scanString(flags: []) { return false }
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        index += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"):
        depth -= 1
        index += 1
      case UInt8(ascii: "}"):
        index += 1
        if depth == 0 { return true }
        depth -= 1
      case UInt8(ascii: "!") where depth == 0:
        index += 1
        if index < n, buffer[index] != UInt8(ascii: "=") {
          while index < n, Lexer.isIdentifierByte(buffer[index]) { index += 1 }
        }
      case UInt8(ascii: ":") where depth == 0:
        index += 1
        return scanFormatSpec(quote: quote, triple: triple)
      case UInt8(ascii: "#"):
        while index < n, buffer[index] != 10, buffer[index] != 13 { index += 1 }
      case 10, 13:
        // PEP 701: a replacement field may span lines, even in a single-quoted f-string.
        if fieldsEndAtNewline, !triple { return false }
        consumeNewline()
      default:
        if Lexer.isIdentifierStart(c) {
          let start = index
          while index < n, Lexer.isIdentifierByte(buffer[index]) { index += 1 }
          if index < n, buffer[index] == UInt8(ascii: "'") || buffer[index] == UInt8(ascii: "\""),
             let flags = StringFlags(prefix: buffer, start, index) {
                if !scanString(flags: flags) { return false }
              }
        } else {
          index += 1
        }
      }
    }
    return false
  }

  /// Scans a format spec after `:` through the `}` that closes its replacement field.
  mutating func scanFormatSpec(quote: UInt8, triple: Bool) -> Bool {
    let n = buffer.count
    while index < n {
      let c = buffer[index]
      switch c {
      case UInt8(ascii: "{"):
        index += 1
        if !scanReplacementField(quote: quote, triple: triple) { return false }
      case UInt8(ascii: "}"):
        index += 1
        return true
      case UInt8(ascii: "\\"):
        index += 1
        if index < n, buffer[index] == 10 || buffer[index] == 13 { consumeNewline() } else { index += 1 }
      case quote:
        if !triple { return false }
        index += 1
      case 10, 13:
        if !triple { return false }
        consumeNewline()
      default:
        index += 1
      }
    }
    return false
  }
}
