/// A declaration-level recursive-descent parser over a token buffer. Non-declaration
/// statements are skimmed; errors are recorded and parsing resumes at the next line.
struct Parser {
  let t: UnsafeBufferPointer<Token>
  let src: UnsafeBufferPointer<UInt8>
  var p = 0
  var issues: [SyntaxIssue] = []

  init(tokens: UnsafeBufferPointer<Token>, source: UnsafeBufferPointer<UInt8>) {
    self.t = tokens
    self.src = source
  }

  mutating func error(at index: Int, _ message: String) {
    guard issues.count < Lexer.maxIssues else { return }
    let token = t[min(index, t.count - 1)]
    issues.append(SyntaxIssue(line: Int(token.line), column: Int(token.column), message: message))
  }

  /// The source text of a single token (names are kept, so this allocates).
  func text(_ index: Int) -> String {
    let token = t[index]
    return String(decoding: UnsafeBufferPointer(rebasing: src[Int(token.start)..<Int(token.end)]),
                  as: UTF8.self)
  }

  func nameRef(_ index: Int) -> NameRef { NameRef(name: text(index), line: Int(t[index].line)) }

  /// A plain or soft-keyword name usable as an identifier.
  @inline(__always) func isIdentifier(_ index: Int) -> Bool {
    let token = t[index]
    return token.kind == .name
      && (token.code == 0 || token.code >= Keyword.softMatch.rawValue)
  }

  @inline(__always) func atLineEnd(_ index: Int) -> Bool {
    let kind = t[index].kind
    return kind == .newline || kind == .endMarker
  }

  /// Index of the bracket closing the one at `open`, or of the line end when unbalanced.
  func matchingBracket(_ open: Int) -> Int {
    var depth = 0
    var i = open
    while !atLineEnd(i) {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
        if depth == 0 { return i }
      }
      i += 1
    }
    return i
  }

  /// The `:` that ends a compound statement header starting at `from`, skipping brackets and
  /// the colons of `lambda`s; nil when the line ends first.
  func headerColon(from start: Int) -> Int? {
    var depth = 0
    var lambdas = 0
    var i = start
    while !atLineEnd(i) {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0 {
        if token.isKeyword(.lambda) {
          lambdas += 1
        } else if token.isOp(.colon) {
          if lambdas == 0 { return i }
          lambdas -= 1
        }
      }
      i += 1
    }
    return nil
  }

  /// Splits `start..<end` on top-level commas (not those of a `lambda`'s parameters),
  /// dropping empty pieces.
  func splitOnCommas(_ start: Int, _ end: Int) -> [TokenSpan] {
    var pieces: [TokenSpan] = []
    var depth = 0
    var lambdas = 0
    var pieceStart = start
    var i = start
    while i < end {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0 {
        if token.isKeyword(.lambda) {
          lambdas += 1
        } else if token.isOp(.colon), lambdas > 0 {
          lambdas -= 1
        } else if token.isOp(.comma), lambdas == 0 {
          if i > pieceStart { pieces.append(pieceStart..<i) }
          pieceStart = i + 1
        }
      }
      i += 1
    }
    if end > pieceStart { pieces.append(pieceStart..<end) }
    return pieces
  }

  /// Moves past the end of the current logical line.
  mutating func skipLine() {
    while !atLineEnd(p) { p += 1 }
    if t[p].kind == .newline { p += 1 }
  }
}
