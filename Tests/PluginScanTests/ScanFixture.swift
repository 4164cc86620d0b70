import APIModel
import Foundation
import PluginScan
import _TestSupport

/// Writes `files` (paths relative to the plugin root) to a temporary checkout and scans the
/// package `pkg`.
func scanFixture(
  _ files: [String: String], configuration: ScanConfiguration = .default
) throws -> PluginScanResult {
  let root = try temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: root) }
  for (path, text) in files {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
  return try PluginScanner.scan(root: root, package: "pkg", configuration: configuration)
}

/// Scans one module `pkg/mod.py`.
func scanModule(_ source: String, configuration: ScanConfiguration = .default) throws -> [PluginReference] {
  try scanFixture(["pkg/__init__.py": "", "pkg/mod.py": source], configuration: configuration).references
}

/// A compact, comparable rendering: `line kind target <- pluginSymbol (via)`.
func summary(_ references: [PluginReference], kinds: Set<ReferenceKind> = [.replace, .wrap, .module]) -> [String] {
  references.filter { kinds.contains($0.kind) }.map {
    "\($0.location.line) \($0.kind.rawValue) \($0.target) <- \($0.pluginSymbol ?? "-") (\($0.via))"
  }
}
