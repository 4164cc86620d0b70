import APIModel

/// Wording shared by several rules.
enum RuleText {
  /// "a class", "an attribute".
  static func withArticle(_ kind: SymbolKind) -> String {
    (kind == .attribute || kind == .alias ? "an " : "a ") + kind.rawValue
  }

  /// "module `vllm.worker` removed, with 3 public symbols".
  static func presence(_ p: Presence, verb: String) -> String {
    var text = "\(p.symbol.kind.rawValue) `\(p.symbol.path)` \(verb)"
    if !p.publicMembers.isEmpty {
      let n = p.publicMembers.count
      text += ", with \(n) public symbol\(n == 1 ? "" : "s")"
    }
    if !p.importPaths.isEmpty {
      text += verb == "removed" ? "; was re-exported as " : "; re-exported as "
      text += p.importPaths.map { "`\($0)`" }.joined(separator: ", ")
    }
    if p.isTypeCheckingOnlyElsewhere {
      text += verb == "removed"
        ? "; still bound under `if TYPE_CHECKING:`, which does not run"
        : "; was bound only under `if TYPE_CHECKING:` before"
    }
    return text
  }

  static func members(_ p: Presence, _ kind: ChangeDetail.Kind) -> [ChangeDetail] {
    p.publicMembers.map { ChangeDetail(kind, name: $0, isBreaking: kind == .memberRemoved) }
  }

  static func removedFinding(_ rule: RuleMetadata, _ p: Presence) -> [Finding] {
    [Finding(rule, summary: presence(p, verb: "removed"), details: members(p, .memberRemoved))]
  }
}
