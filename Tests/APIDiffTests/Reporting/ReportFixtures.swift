import APIDiff
import APIModel

/// Reports whose text needs escaping in every output style.
enum ReportFixtures {
  /// A signature change whose texts hold `<`, `|` and backticks, and a breaking removal.
  static let hostile: DiffReport = diffSnapshots(
    snap("v0.9.1") {
      module("vllm.config") {
        fn("f", "x: dict[str, int | None] = {}, y: Literal['`'] = '`', z=1", returns: "<T>")
        attr("GONE")
      }
    },
    snap("v0.11.0") {
      module("vllm.config") { fn("f", "x: dict[str, int | float] = {}, y: Literal['`'] = '``'", returns: "<U>") }
    },
    options: DiffOptions())
}
