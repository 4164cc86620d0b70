import Testing
import APIDiff
import APIModel

/// An old and a new release, and the changes expected between them as "rule path".
struct DiffFixture: Sendable, CustomTestStringConvertible {
  let name: String
  let old: Snapshot
  let new: Snapshot
  let expect: [String]

  var testDescription: String { name }

  /// The fixture's changes as "rule path", sorted.
  func ruleAndPaths(_ options: DiffOptions = DiffOptions()) -> [String] {
    diffSnapshots(old, new, options: options).changes.map { "\($0.rule) \($0.path)" }.sorted()
  }

  func report(_ options: DiffOptions = DiffOptions()) -> DiffReport {
    diffSnapshots(old, new, options: options)
  }
}

/// Diffs two single-module releases that differ only in the body of module `vllm.m`.
func diffModule(@NodeBuilder old: () -> [Node], @NodeBuilder new: () -> [Node],
                options: DiffOptions = DiffOptions()) -> DiffReport {
  diffSnapshots(snap("v1") { module("vllm.m", old) }, snap("v2") { module("vllm.m", new) }, options: options)
}

/// The single change between two releases of a method `vllm.m.C.f` with these parameters.
func signatureChange(_ old: String, _ new: String) -> Change? {
  let changes = diffModule(old: { cls("C") { fn("f", old) } }, new: { cls("C") { fn("f", new) } }).changes
  return changes.count == 1 ? changes[0] : nil
}
