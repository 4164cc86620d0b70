import APIModel
import Foundation
import Frontend
import ModelCatalog
import ModelParity
import OpReference
import PluginScan

/// What the checks of one gate run share: the upstream source, each snapshot parsed once, the
/// plugin scanned once, and each model × dtype of numeric model parity run once.
public final class GateContext {
  public let configuration: GateConfiguration
  public let source: UpstreamSource
  private var snapshots: [String: Snapshot] = [:]
  private var scanResult: PluginScanResult?
  private var modelResults: [String: ModelParityResult] = [:]
  private var loaded: [String: Any] = [:]

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

  /// The model catalogue of the adapters directory.
  public func catalog(for check: String) throws(GateError) -> ModelCatalog {
    let file = try adapters(for: check).appendingPathComponent("models.yaml")
    return try once("catalog") { () throws(GateError) in
      do {
        return try ModelCatalog.load(from: file)
      } catch {
        throw .check(check, reason: "\(error)")
      }
    }
  }

  /// Numeric model parity of a catalogue model at the plugin's revision, each dtype run at most
  /// once per run whichever check asks first.
  public func modelParity(_ architecture: String, dtypes: [FloatType], for check: String) throws(GateError)
    -> [ModelParityResult]
  {
    let missing = dtypes.filter { modelResults["\(architecture)/\($0.rawValue)"] == nil }
    if !missing.isEmpty {
      let runner = try once("model-parity-runner") { () throws(GateError) in
        ModelParityRunner(adaptersDirectory: try adapters(for: check).path, catalog: try catalog(for: check))
      }
      let report: ModelParityReport
      do {
        report = try runner.run(revision: configuration.from, models: [architecture], dtypes: missing)
      } catch {
        throw .check(check, reason: "\(error)")
      }
      for result in report.results { modelResults["\(result.architecture)/\(result.dtype)"] = result }
    }
    return dtypes.compactMap { modelResults["\(architecture)/\($0.rawValue)"] }
  }

  /// A value loaded at most once per run under `key`.
  func once<T>(_ key: String, _ load: () throws(GateError) -> T) throws(GateError) -> T {
    if let value = loaded[key] as? T { return value }
    let value = try load()
    loaded[key] = value
    return value
  }
}
