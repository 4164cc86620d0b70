import AdapterManifests
import APIDiff
import APIModel
import Foundation
import PluginImpact
import PluginScan

/// The formats of `vmsync plugin impact`.
public enum ImpactFormat: String, CaseIterable, Sendable {
  case md, json, html
}

/// `vmsync plugin scan|impact`, `vmsync adapters check` and `vmsync stub`: the plugin's
/// dependencies on upstream, recorded, checked and carried to the next release.
public enum PluginFrontend {
  /// The `adapters/` directory: `explicit`, else the nearest one above the working directory.
  public static func adaptersDirectory(_ explicit: String?) throws(CommandError) -> URL {
    try DataDirectory.locate("adapters", explicit: explicit)
  }

  /// The default manifest path of a revision.
  public static func manifestPath(revision: String, adapters: URL) -> String {
    PatchesManifestLoader(directory: adapters.path).path(of: revision)
  }

  /// Scans the plugin's package under `root`; files that cannot be parsed are reported and skipped.
  /// - Parameter configuration: A scan configuration file (helper spellings), else the default.
  public static func scan(root: URL, package: String, configuration: String? = nil) throws(CommandError) -> PluginScanResult {
    let settings = try configuration.map { path throws(CommandError) in
      try wrapping { try ScanConfiguration.load(from: URL(fileURLWithPath: path)) }
    } ?? .default
    let result = try wrapping {
      try PluginScanner.scan(
        root: root, package: package, configuration: settings, progress: Console.progress("scanning \(package)"))
    }
    Console.reportDiagnostics(result.diagnostics)
    return result
  }

  /// Records a scan as a revision's manifest and writes it (whole or not at all).
  /// - Parameters:
  ///   - scan: The plugin's references.
  ///   - pluginRoot: The plugin's root, for the replacements' signatures.
  ///   - revision: The upstream release the entries are verified against.
  ///   - output: The file to write; an existing one keeps its notes and reviewed statuses.
  /// - Returns: The manifest written.
  public static func recordScan(
    _ scan: PluginScanResult, pluginRoot: URL, revision: String, in source: UpstreamSource, output: String
  ) throws(CommandError) -> PatchesManifestV1 {
    let snapshot = try source.snapshot(revision, progress: Console.progress("parsing \(revision)"))
    let existing: PatchesManifestV1?
    if FileManager.default.fileExists(atPath: output) {
      existing = try wrapping { try PatchesManifestLoader.parseFile(at: output, revision: revision) }
    } else {
      existing = nil
    }
    let manifest = ManifestBuilder(view: UpstreamView(snapshot), plugin: PluginSource(root: pluginRoot))
      .build(scan, existing: existing)
    try write(manifest, to: output)
    return manifest
  }

  /// Checks a revision's manifest, with inherited entries, against that revision.
  public static func check(revision: String, in source: UpstreamSource, adapters: URL) throws(CommandError) -> CheckReport {
    let manifest = try wrapping { try PatchesManifestLoader(directory: adapters.path).load(revision: revision) }
    let snapshot = try source.snapshot(revision, progress: Console.progress("parsing \(revision)"))
    return ManifestCheck.check(manifest, against: UpstreamView(snapshot))
  }

  /// One line per finding, then a summary line.
  public static func render(_ report: CheckReport) -> String {
    var lines: [String] = []
    for finding in report.findings {
      let location = finding.plugin.map { "\($0.file):\($0.line): " } ?? ""
      let known = finding.severity == .note ? " (recorded)" : ""
      lines.append("\(location)\(finding.severity.rawValue): [\(finding.finding.rawValue)]\(known) \(finding.message)")
      if let suggested = finding.suggestedTarget { lines.append("  suggested target: \(suggested)") }
      for detail in finding.details { lines.append("  \(detail)") }
    }
    let errors = report.findings.filter { $0.severity == .error }.count
    let recorded = report.findings.filter { $0.severity == .note }.count
    lines.append("\(report.checked) entries checked at \(report.revision): \(errors) error(s), "
      + "\(report.findings.count - errors - recorded) warning(s), \(recorded) recorded state(s)")
    return lines.joined(separator: "\n") + "\n"
  }

  /// The impact of upgrading upstream on the plugin.
  /// - Parameters:
  ///   - adapters: When it holds a manifest for `to`, the findings that manifest records as
  ///     known states are lowered to notes.
  ///   - diffs: Attach the upstream change of each changed body (needs a repository source).
  public static func impact(
    _ scan: PluginScanResult, pluginRoot: URL, from: String, to: String, in source: UpstreamSource,
    adapters: URL?, diffs: Bool = true
  ) throws(CommandError) -> ImpactReport {
    let (old, new) = try source.snapshots(from, to)
    let analysis = ImpactAnalysis(from: old, to: new)
    let report = analysis.run(scan, plugin: PluginSource(root: pluginRoot), definitions: diffs ? definitions(in: source) : nil)
    releaseInBackground((consume analysis, consume old, consume new))
    guard let adapters else { return report }
    let loader = PatchesManifestLoader(directory: adapters.path)
    guard loader.exists(to) else { return report }
    return report.applyingRecordedStates(of: try wrapping { try loader.load(revision: to) })
  }

  /// Renders an impact report.
  public static func render(_ report: ImpactReport, as format: ImpactFormat) -> String {
    switch format {
    case .md: ImpactMarkdownReporter().render(report)
    case .json: ImpactJSONReporter().render(report)
    case .html: ImpactHTMLReporter().render(report)
    }
  }

  /// Writes `adapters/<to>/patches.yaml` inheriting `from`, and the Python stubs when asked.
  /// - Returns: What was generated.
  public static func stub(
    from: String, to: String, in source: UpstreamSource, adapters: URL, python: String?
  ) throws(CommandError) -> StubGenerator.Output {
    let loader = PatchesManifestLoader(directory: adapters.path)
    let manifest = try wrapping { try loader.load(revision: from) }
    let existing = loader.exists(to) ? try wrapping { try loader.loadFile(revision: to) } : nil
    let (old, new) = try source.snapshots(from, to)
    let output = StubGenerator(analysis: ImpactAnalysis(from: old, to: new)).generate(from: manifest, existing: existing)
    try write(output.manifest, to: loader.path(of: to))
    if let python { try Output.writeAtomically(Array(output.python.utf8), to: URL(fileURLWithPath: python)) }
    return output
  }

  private static func definitions(in source: UpstreamSource) -> DefinitionSource? {
    if case .repository(let repository, _, _) = source { return DefinitionSource(repository: repository) }
    return nil
  }

  private static func write(_ manifest: PatchesManifestV1, to path: String) throws(CommandError) {
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    } catch {
      throw CommandError("\(url.deletingLastPathComponent().path): cannot create: \(error.localizedDescription)")
    }
    try Output.writeAtomically(Array(PatchesManifestWriter.render(manifest).utf8), to: url)
  }
}
