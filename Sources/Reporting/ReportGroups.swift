import APIDiff

/// Grouping and wording shared by the document reporters.
enum ReportGroups {
  /// The section a path belongs to: its top-level subpackage or module, `vllm.config`.
  static func section(_ path: String) -> String {
    path.split(separator: ".", maxSplits: 2).prefix(2).joined(separator: ".")
  }

  /// Changes grouped by section, sections sorted, changes in report order.
  static func bySection(_ changes: [Change]) -> [(String, [Change])] {
    Dictionary(grouping: changes) { section($0.path) }.sorted { $0.key < $1.key }
  }

  static func whoBreaks(_ c: Change) -> String {
    switch (c.breaksCallers, c.breaksSubclasses) {
    case (true, true): "breaks callers and subclasses"
    case (true, false): "breaks callers"
    case (false, true): "breaks subclasses"
    case (false, false): ""
    }
  }
}
