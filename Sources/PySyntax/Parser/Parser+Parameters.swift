extension Parser {
  /// Parses the parameter list between `(` at `start - 1` and `)` at `end`.
  mutating func parseParameters(_ start: Int, _ end: Int) -> [ParameterSyntax] {
    var parameters: [ParameterSyntax] = []
    var afterStar = false
    for piece in splitOnCommas(start, end) {
      var i = piece.lowerBound
      let first = t[i]
      if first.isOp(.slash), piece.count == 1 {
        for k in parameters.indices { parameters[k].kind = .positionalOnly }
        continue
      }
      var kind: ParameterSyntax.Kind = afterStar ? .keywordOnly : .positionalOrKeyword
      if first.isOp(.star) {
        afterStar = true
        if piece.count == 1 { continue }
        kind = .varPositional
        i += 1
      } else if first.isOp(.doubleStar) {
        kind = .varKeyword
        i += 1
      }
      guard i < piece.upperBound, isIdentifier(i) else {
        error(at: i, "invalid syntax: expected a parameter name")
        continue
      }
      var parameter = ParameterSyntax(name: text(i), kind: kind, annotation: nil, default: nil)
      i += 1
      if i < piece.upperBound, t[i].isOp(.colon) {
        let annotationStart = i + 1
        var depth = 0
        while i < piece.upperBound {
          let token = t[i]
          if token.opensBracket { depth += 1 }
          else if token.closesBracket { depth -= 1 }
          else if depth == 0, token.isOp(.equal) { break }
          i += 1
        }
        parameter.annotation = annotationStart..<i
      }
      if i < piece.upperBound {
        if t[i].isOp(.equal), i + 1 < piece.upperBound {
          parameter.default = (i + 1)..<piece.upperBound
        } else {
          error(at: i, "invalid syntax")
        }
      }
      parameters.append(parameter)
    }
    return parameters
  }
}
