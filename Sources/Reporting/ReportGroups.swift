import APIDiff
import APIModel

/// Grouping and wording shared by the document reporters.
enum ReportGroups {
  /// The section a change belongs to: the top-level subpackage or module of the module
  /// that defines it, `vllm.config` (and `vllm` for the package's own re-exports).
  static func section(_ change: Change) -> String {
    let file = (change.old ?? change.new)?.file ?? ""
    let module = SymbolPath.module(forFile: file)?.name ?? change.path
    return module.split(separator: ".", maxSplits: 2).prefix(2).joined(separator: ".")
  }

  /// Changes grouped by section, sections sorted, changes in report order.
  static func bySection(_ changes: [Change]) -> [(String, [Change])] {
    Dictionary(grouping: changes, by: section).sorted { $0.key < $1.key }
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
