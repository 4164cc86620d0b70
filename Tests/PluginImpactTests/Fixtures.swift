import APIExtraction
import APIModel
import Foundation
import PluginImpact
import PluginScan

/// A release's snapshot from in-memory Python files.
func snapshot(_ release: String, _ files: [String: String]) -> Snapshot {
  Snapshot(release: release, modules: files.compactMap { extractModule(source: Array($0.value.utf8), file: $0.key) })
}

/// A reference as the scanner reports it.
func reference(
  _ kind: ReferenceKind, _ target: String, plugin: String? = nil, file: String = "vllm_mindspore/patch.py",
  line: Int = 1, arguments: CallArguments? = nil, overrides: [String]? = nil, lane: [VersionConstraint]? = nil,
  typeCheckingOnly: Bool? = nil
) -> PluginReference {
  PluginReference(
    kind: kind, target: target, pluginSymbol: plugin, location: SourceLocation(file: file, line: line),
    via: kind.rawValue, arguments: arguments, overrides: overrides, lane: lane, isTypeCheckingOnly: typeCheckingOnly)
}

/// Writes plugin files under a new temporary directory.
func pluginRoot(_ files: [String: String]) throws -> URL {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-plugin-\(UUID().uuidString)")
  for (path, text) in files {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }
  return root
}

/// The impact of upgrading from `old` to `new` on the given references.
func impact(
  old: [String: String], new: [String: String], _ references: [PluginReference], plugin: [String: String] = [:],
  from: String = "v0.1.0", to: String = "v0.2.0"
) throws -> ImpactReport {
  let root = try pluginRoot(plugin)
  defer { try? FileManager.default.removeItem(at: root) }
  let scan = PluginScanResult(package: "vllm_mindspore", references: references, diagnostics: [])
  return ImpactAnalysis(from: snapshot(from, old), to: snapshot(to, new)).run(scan, plugin: PluginSource(root: root))
}

extension ImpactReport {
  var ids: [String] { findings.map(\.finding.rawValue) }
}
