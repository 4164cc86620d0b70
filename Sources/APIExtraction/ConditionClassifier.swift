import APIModel
import PySyntax

/// Decides which guards each clause of a compound statement puts on its definitions.
struct ConditionClassifier {
  let parsed: ParsedModule

  /// The guards added by each clause, in clause order.
  func conditions(for clauses: [Clause]) -> [[SymbolCondition]] {
    guard let first = clauses.first else { return [] }
    switch first.kind {
    case .if, .elif, .else:
      let (firstGuard, inverted) = classifyTest(first.header)
      return clauses.map { clause in
        switch clause.kind {
        case .if: return firstGuard.map { [$0] } ?? []
        case .elif: return classifyTest(clause.header).0.map { [$0] } ?? []
        default:
          if firstGuard == .typeChecking { return [] }
          if inverted { return [.typeChecking] }
          return firstGuard.map { [$0] } ?? []
        }
      }
    case .try, .except, .finally:
      let guarded = clauses.contains { $0.kind == .except && catchesImportError($0.header) }
      return clauses.map { clause in
        switch clause.kind {
        case .try, .else: return guarded ? [.importGuarded] : []
        case .except: return catchesImportError(clause.header) ? [.importFallback] : [.conditional]
        default: return []
        }
      }
    default:
      return clauses.map { _ in [.conditional] }
    }
  }

  /// The guard of an `if` test, and whether it is `not TYPE_CHECKING` (whose `else` is the
  /// type-checking branch). `nil` guard only for `not TYPE_CHECKING`.
  func classifyTest(_ header: TokenSpan) -> (SymbolCondition?, Bool) {
    let t = parsed.tokens
    var start = header.lowerBound
    var negated = false
    if start < header.upperBound, t[start].isKeyword(.not) {
      negated = true
      start += 1
    }
    if isTypeCheckingFlag(start..<header.upperBound) {
      return negated ? (nil, true) : (.typeChecking, false)
    }
    var sawPlatform = false
    for i in header {
      guard t[i].kind == .name else { continue }
      let name = word(i)
      if name.contains("version") || name.hasSuffix("_or_newer") || name.hasSuffix("_or_older") {
        // sys.version_info, __version__, vllm_version_is(...), is_torch_equal_or_newer(...)
        return (.version, false)
      }
      switch name {
      case "current_platform":
        sawPlatform = true
      case "platform":
        if i + 1 < header.upperBound, t[i + 1].isOp(.dot) { sawPlatform = true }
        if i >= 2, t[i - 1].isOp(.dot), word(i - 2) == "sys" { sawPlatform = true }
      case "name":
        if i >= 2, t[i - 1].isOp(.dot), word(i - 2) == "os" { sawPlatform = true }
      default:
        break
      }
    }
    return (sawPlatform ? .platform : .conditional, false)
  }

  /// `TYPE_CHECKING` or `<module>.TYPE_CHECKING`.
  func isTypeCheckingFlag(_ span: TokenSpan) -> Bool {
    let t = parsed.tokens
    guard let last = span.last, t[last].kind == .name, word(last) == "TYPE_CHECKING" else { return false }
    var i = span.lowerBound
    while i < last {
      guard t[i].kind == .name, t[i + 1].isOp(.dot) else { return false }
      i += 2
    }
    return i == last
  }

  /// Whether an `except` header names `ImportError` or `ModuleNotFoundError`.
  func catchesImportError(_ header: TokenSpan) -> Bool {
    header.contains { i in
      parsed.tokens[i].kind == .name && (word(i) == "ImportError" || word(i) == "ModuleNotFoundError")
    }
  }

  private func word(_ i: Int) -> Substring {
    let token = parsed.tokens[i]
    return Substring(decoding: parsed.source[Int(token.start)..<Int(token.end)], as: UTF8.self)
  }
}
