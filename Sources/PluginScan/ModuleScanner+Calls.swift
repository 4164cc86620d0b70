import PySyntax

/// One argument of a call: its tokens, keyword name and unpacking.
struct Argument {
  var range: TokenSpan
  var keyword: String?
  /// 1 for `*args`, 2 for `**kwargs`, 0 otherwise.
  var unpacking: Int
}

extension ModuleScanner {
  /// Records every call in `start..<end` whose callee is upstream, and every patch spelled as
  /// a call (`setattr`, configured helpers).
  mutating func scanExpression(_ start: Int, _ end: Int) {
    var i = start
    while i < end {
      if t[i].isKeyword(.lambda) {
        i = lambda(i, end)
        continue
      }
      if t[i].opensBracket {
        let close = matchingBracket(i)
        if close < end, let targets = comprehensionTargets(i, close) {
          var own = Scope(isClass: false, path: currentSymbol)
          for target in targets { own.names[target] = .opaque }
          scopes.append(own)
          scanExpression(i + 1, close)
          scopes.removeLast()
          i = close + 1
          continue
        }
      }
      guard isName(i), !(i > start && t[i - 1].isOp(.dot)) else {
        if t[i].kind == .string { scanFormattedString(i) }
        i += 1
        continue
      }
      if i + 1 < end, t[i + 1].isOp(.equal) {
        i += 2  // a keyword argument's name
        continue
      }
      guard let (parts, next) = chain(i, end) else {
        i += 1
        continue
      }
      if next < end, t[next].isOp(.lpar) {
        let close = matchingBracket(next)
        if close < end { call(parts, at: i, open: next, close: close) }
      }
      i = next
    }
  }

  /// Scans the `lambda` at `index` with its parameters shadowing outer names; returns the index
  /// after its body (the next comma or closing bracket at its level, or `end`).
  mutating func lambda(_ index: Int, _ end: Int) -> Int {
    guard let colon = headerColon(index + 1), colon < end else { return index + 1 }
    scanExpression(index + 1, colon)
    var bodyEnd = colon + 1
    var depth = 0
    while bodyEnd < end {
      let token = t[bodyEnd]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket || (token.isOp(.comma) && depth == 0) {
        if depth == 0 { break }
        depth -= 1
      }
      bodyEnd += 1
    }
    var own = Scope(isClass: false, path: currentSymbol)
    for parameter in parameterNames(index + 1, colon) { own.names[parameter] = .opaque }
    scopes.append(own)
    scanExpression(colon + 1, bodyEnd)
    scopes.removeLast()
    return bodyEnd
  }

  /// The names bound by the `for` clauses of a comprehension between `open` and `close`, or
  /// nil when the brackets hold no comprehension.
  func comprehensionTargets(_ open: Int, _ close: Int) -> [String]? {
    var targets: [String]?
    var depth = 0
    var i = open + 1
    while i < close {
      let token = t[i]
      if token.opensBracket {
        depth += 1
      } else if token.closesBracket {
        depth -= 1
      } else if depth == 0, token.isKeyword(.for) {
        var j = i + 1
        while j < close, !t[j].isKeyword(.in) {
          if isName(j), !t[j - 1].isOp(.dot) { targets = (targets ?? []) + [text(j)] }
          j += 1
        }
        i = j
      }
      i += 1
    }
    return targets
  }

  /// The arguments between the brackets `open` and `close`.
  func arguments(_ open: Int, _ close: Int) -> [Argument] {
    splitOnCommas(open + 1, close).map { piece in
      let first = piece.lowerBound
      if t[first].isOp(.doubleStar) { return Argument(range: (first + 1)..<piece.upperBound, unpacking: 2) }
      if t[first].isOp(.star) { return Argument(range: (first + 1)..<piece.upperBound, unpacking: 1) }
      if piece.count >= 2, isName(first), t[first + 1].isOp(.equal) {
        return Argument(range: (first + 2)..<piece.upperBound, keyword: text(first), unpacking: 0)
      }
      return Argument(range: piece, unpacking: 0)
    }
  }

  func callArguments(_ arguments: [Argument]) -> CallArguments {
    CallArguments(
      positional: arguments.count { $0.unpacking == 0 && $0.keyword == nil },
      keywords: arguments.compactMap(\.keyword),
      hasStarArgs: arguments.contains { $0.unpacking == 1 },
      hasStarStarKwargs: arguments.contains { $0.unpacking == 2 })
  }

  /// The argument filling `slot`: by keyword first, else by position among plain positionals.
  func argument(_ slot: ArgumentSlot?, in arguments: [Argument]) -> Argument? {
    guard let slot else { return nil }
    if let keyword = slot.keyword, let match = arguments.first(where: { $0.keyword == keyword }) { return match }
    guard let position = slot.position else { return nil }
    let positional = arguments.filter { $0.unpacking == 0 && $0.keyword == nil }
    return position < positional.count ? positional[position] : nil
  }

  mutating func call(_ parts: [String], at start: Int, open: Int, close: Int) {
    let builtin = parts.count == 1 && lookup(parts[0]) == nil ? parts[0] : nil
    if builtin == "super" {
      // super().name(...) in a method of a class with an upstream base
      guard t[close + 1].isOp(.dot), isName(close + 2), t[close + 3].isOp(.lpar) else { return }
      let method = close + 3
      let arguments = callArguments(arguments(method, matchingBracket(method)))
      for base in superTarget {
        add(.call, base.path + "." + text(close + 2), pluginSymbol: currentSymbol, at: start, via: "super",
            arguments: arguments, lane: base.lane)
      }
      return
    }
    let arguments = arguments(open, close)
    if builtin == "setattr", arguments.count == 3, arguments.allSatisfy({ $0.unpacking == 0 && $0.keyword == nil }),
       let object = wholeChain(arguments[0].range), let attribute = stringLiteral(arguments[1].range) {
      for target in resolveAll(object + [attribute]) where isUpstream(target.path) {
        addPatch(target, assignedValue(arguments[2].range), at: start, via: "setattr")
      }
      return
    }
    if parts[parts.count - 1] == "import_module" || builtin == "__import__", let first = arguments.first,
       first.keyword == nil, let name = stringLiteral(first.range), isUpstream(name) {
      add(.import, name, pluginSymbol: currentSymbol, at: start, via: "import_module")
      return
    }
    if let helper = configuration.helpers.first(where: { $0.form == .call && $0.name == parts[parts.count - 1] }),
       let target = helperTarget(helper, arguments) {
      let replacement = argument(helper.replacement, in: arguments).map { assignedValue($0.range) } ?? AssignedValue()
      let kind = helper.kind == .replace && replacement.mentions.contains(target) ? .wrap : helper.kind
      add(kind, target, pluginSymbol: replacement.pluginSymbol, at: start, via: "helper:" + helper.name)
      return
    }
    for callee in resolveAll(parts) where isUpstream(callee.path) {
      add(.call, callee.path, pluginSymbol: currentSymbol, at: start, via: "call", arguments: callArguments(arguments),
          lane: callee.lane)
    }
  }

  /// The upstream path a helper call or decorator names: a literal or an upstream expression,
  /// plus the attribute literal when that argument is passed.
  func helperTarget(_ helper: PatchHelper, _ arguments: [Argument]) -> String? {
    guard let argument = argument(helper.target, in: arguments) else { return nil }
    guard var target = stringLiteral(argument.range) ?? wholeChain(argument.range).flatMap(resolve) else { return nil }
    if let argument = self.argument(helper.attribute, in: arguments) {
      guard let attribute = stringLiteral(argument.range) else { return nil }
      target += "." + attribute
    }
    return isUpstream(target) ? target : nil
  }

  /// A decorator of the definition `decorated`: a configured patch decorator, an upstream
  /// decorator (a call with the definition as argument) or an expression with calls.
  mutating func decorator(_ span: TokenSpan, decorating decorated: String) {
    guard let (parts, next) = chain(span.lowerBound, span.upperBound) else {
      scanExpression(span.lowerBound, span.upperBound)
      return
    }
    if next == span.upperBound {
      for callee in resolveAll(parts) where isUpstream(callee.path) {
        add(.call, callee.path, pluginSymbol: decorated, at: span.lowerBound, via: "decorator",
            arguments: CallArguments(positional: 1, keywords: []), lane: callee.lane)
      }
      return
    }
    if t[next].isOp(.lpar), matchingBracket(next) == span.upperBound - 1,
       let helper = configuration.helpers.first(where: { $0.form == .decorator && $0.name == parts[parts.count - 1] }),
       let target = helperTarget(helper, arguments(next, span.upperBound - 1)) {
      add(helper.kind, target, pluginSymbol: decorated, at: span.lowerBound, via: "decorator:" + helper.name)
      return
    }
    scanExpression(span.lowerBound, span.upperBound)
  }
}
