import APIModel

/// Wording shared by several rules.
enum RuleText {
  /// "module `vllm.worker` removed, with 3 public symbols".
  static func removal(_ p: Presence, verb: String) -> String {
    var text = "\(p.symbol.kind.rawValue) `\(p.symbol.path)` \(verb)"
    if !p.publicMembers.isEmpty {
      let n = p.publicMembers.count
      text += ", with \(n) public symbol\(n == 1 ? "" : "s")"
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
    [Finding(rule, summary: removal(p, verb: "removed"), details: members(p, .memberRemoved))]
  }
}
