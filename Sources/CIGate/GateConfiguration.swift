import APIModel
import Foundation

/// What a gate run checks and how it judges the findings (`ci/vmsync.yaml`, see docs/ci.md).
public struct GateConfiguration: Equatable, Sendable {
  /// The plugin checkout; the `impact` check needs it.
  public var pluginPath: String?
  /// The plugin's top-level package.
  public var package = "vllm_mindspore"
  /// A plugin scan configuration (docs/plugin-scan.md).
  public var scanConfiguration: String?
  /// The upstream revision the plugin currently works with.
  public var from: String
  /// The upstream releases or refs the plugin is checked against.
  public var upstreams: [String]
  /// A vLLM git repository to read `from` and the upstreams from; else the committed snapshots.
  public var repo: String?
  /// The adapters directory; else `adapters/` above the working directory.
  public var adapters: String?
  /// The checks to run, in the order of ``GateChecks/all``.
  public var checks: [String]
  public var scope = Scope()
  /// The classes whose new findings fail the gate.
  public var deny = GateClass.defaultDeny
  /// The allowlist file, when there is one.
  public var allowlist: String?
  /// The baseline file.
  public var baseline = "ci/baseline.json"
  /// The generated support matrices the `matrix` check keeps fresh.
  public var matrices: [MatrixFile] = []
  /// Where `plugin: path:` and the checks that need it were written, for errors.
  public var positions: [String: SourceLocation] = [:]

  public init(from: String, upstreams: [String], checks: [String] = GateChecks.names) {
    self.from = from
    self.upstreams = upstreams
    self.checks = checks
  }

  /// Checks what only the whole configuration (file and flags) can tell: the plugin path exists
  /// when a check needs it.
  public func validate() throws(GateError) {
    if let pluginPath {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: pluginPath, isDirectory: &isDirectory), isDirectory.boolValue else {
        let message = "plugin path \(pluginPath): no such directory"
        if let at = positions["plugin.path"] { throw .invalid(message, at: at) }
        throw .argument("--plugin \(pluginPath): no such directory")
      }
    } else if checks.contains("impact") {
      let message = "the impact check needs the plugin: set plugin: path: or give --plugin"
      if let at = positions["checks.impact"] { throw .invalid(message, at: at) }
      throw .argument(message)
    }
    if upstreams.isEmpty { throw .argument("no upstream to check against: set upstream: or give --upstream") }
  }
}

/// A generated support-matrix file that the `matrix` check keeps fresh (`matrix:` in the
/// configuration): a matrix regenerated from its record, or the diff of two recorded matrices.
public struct MatrixFile: Equatable, Sendable {
  /// The path as the configuration writes it, which reports name (the same from any directory).
  public var name: String
  /// The file's path.
  public var path: String
  /// A matrix's `vmsync.matrix-record/1` file; nil for a diff.
  public var record: String?
  /// A diff's older and newer records.
  public var diffFrom: String?
  public var diffTo: String?

  public init(name: String, path: String, record: String? = nil, diffFrom: String? = nil, diffTo: String? = nil) {
    self.name = name
    self.path = path
    self.record = record
    self.diffFrom = diffFrom
    self.diffTo = diffTo
  }

  /// The unit and subject name: the file name without `.md`.
  public var stem: String {
    let file = String(name.split(separator: "/").last ?? Substring(name))
    return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
  }
}
