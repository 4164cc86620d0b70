import APIModel
import Foundation
import Frontend
import PluginScan

/// What the checks of one gate run share: the upstream source, each snapshot parsed once and
/// the plugin scanned once.
public final class GateContext {
  public let configuration: GateConfiguration
  public let source: UpstreamSource
  private var snapshots: [String: Snapshot] = [:]
  private var scanResult: PluginScanResult?

  public init(configuration: GateConfiguration, source: UpstreamSource) {
    self.configuration = configuration
    self.source = source
  }

  /// The snapshot of a release or ref, parsed at most once per run.
  public func snapshot(_ ref: String, for check: String) throws(GateError) -> Snapshot {
    if let snapshot = snapshots[ref] { return snapshot }
    do {
      let snapshot = try source.snapshot(ref, progress: Console.progress("parsing \(ref)"))
      Console.reportDiagnostics(snapshot.diagnostics)
      snapshots[ref] = snapshot
      return snapshot
    } catch {
      throw .check(check, reason: error.description)
    }
  }

  /// The plugin's root, which the plugin checks need.
  public func pluginRoot(for check: String) throws(GateError) -> URL {
    guard let path = configuration.pluginPath else {
      throw .check(check, reason: "no plugin path: set `plugin: path:` in the configuration or give --plugin")
    }
    return URL(fileURLWithPath: path)
  }

  /// The plugin's references, scanned at most once per run.
  public func scan(for check: String) throws(GateError) -> PluginScanResult {
    if let scanResult { return scanResult }
    let root = try pluginRoot(for: check)
    do {
      let result = try PluginFrontend.scan(
        root: root, package: configuration.package, configuration: configuration.scanConfiguration)
      scanResult = result
      return result
    } catch {
      throw .check(check, reason: error.description)
    }
  }

  /// The adapters directory.
  public func adapters(for check: String) throws(GateError) -> URL {
    do {
      return try PluginFrontend.adaptersDirectory(configuration.adapters)
    } catch {
      throw .check(check, reason: error.description)
    }
  }
}
