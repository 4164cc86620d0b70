import APIModel
import PySyntax

extension ModuleScanner {
  /// Scans the replacement fields of the f-string token at `index` that contain calls, as
  /// expressions of this scope.
  mutating func scanFormattedString(_ index: Int) {
    let token = t[index]
    let fields: [(expression: [UInt8], lineOffset: Int)] = parsed.source.withUnsafeBufferPointer { source in
      let bytes = UnsafeBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)])
      return Self.replacementFields(bytes)
    }
    for field in fields {
      let expression = ParsedModule(source: Array("(".utf8) + field.expression + Array("\n)".utf8))
      guard expression.issues.isEmpty else { continue }
      var inner = ModuleScanner(
        parsed: expression, file: file, module: module, isPackage: isPackage, configuration: configuration)
      inner.scopes = scopes
      inner.gates = gates
      inner.isTypeCheckingOnly = isTypeCheckingOnly
      inner.superTarget = superTarget
      let literal = location(index)
      inner.fieldOrigin = (literal.line + field.lineOffset, literal.column)
      inner.scanExpression(0, expression.tokens.count - 1)
      references += inner.references
    }
  }

  /// The expressions of the replacement fields of an f-string literal (prefix and quotes
  /// included) that contain a call, each with the number of lines before it in the literal.
  static func replacementFields(_ literal: UnsafeBufferPointer<UInt8>) -> [(expression: [UInt8], lineOffset: Int)] {
    var i = 0
    var isFormatted = false
    while i < literal.count, literal[i] != UInt8(ascii: "'"), literal[i] != UInt8(ascii: "\"") {
      if literal[i] | 0x20 == UInt8(ascii: "f") || literal[i] | 0x20 == UInt8(ascii: "t") { isFormatted = true }
      i += 1
    }
    guard isFormatted else { return [] }
    var fields: [(expression: [UInt8], lineOffset: Int)] = []
    var lines = 0
    while i < literal.count {
      let byte = literal[i]
      if byte == 10 { lines += 1 }
      guard byte == UInt8(ascii: "{") else {
        i += 1
        continue
      }
      if i + 1 < literal.count, literal[i + 1] == UInt8(ascii: "{") {
        i += 2
        continue
      }
      let start = i + 1
      let fieldLines = lines
      var depth = 0
      var quote: UInt8?
      var hasCall = false
      i = start
      scan: while i < literal.count {
        let c = literal[i]
        if c == 10 { lines += 1 }
        if let open = quote {
          if c == open { quote = nil }
        } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
          quote = c
        } else if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
          if c == UInt8(ascii: "(") { hasCall = true }
          depth += 1
        } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") {
          depth -= 1
        } else if c == UInt8(ascii: "}") || ((c == UInt8(ascii: "!") || c == UInt8(ascii: ":")) && depth == 0) {
          if depth == 0 { break scan }
          depth -= 1
        }
        i += 1
      }
      if hasCall { fields.append((Array(literal[start..<min(i, literal.count)]), fieldLines)) }
      // skip a conversion or format spec up to the field's closing brace
      var nested = 0
      while i < literal.count {
        if literal[i] == UInt8(ascii: "{") { nested += 1 }
        if literal[i] == UInt8(ascii: "}") {
          if nested == 0 { break }
          nested -= 1
        }
        if literal[i] == 10 { lines += 1 }
        i += 1
      }
      i += 1
    }
    return fields
  }
}
