import APIModel
import Foundation
import Yams

extension GateConfiguration {
  /// Reads `ci/vmsync.yaml`; its relative paths are read from the directory that holds it.
  /// - Throws: ``GateError/invalid(_:at:)`` naming the file and line of the first problem.
  public static func load(from path: String) throws(GateError) -> GateConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .argument("\(path): cannot read the configuration file")
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(String(decoding: data, as: UTF8.self), file: path, directory: directory)
  }

  /// Parses a configuration; `file` names it in errors.
  /// - Parameter directory: Where relative paths start (the configuration's directory); the
  ///   working directory when nil. The baseline defaults to `baseline.json` there.
  public static func parse(_ text: String, file: String, directory: String? = nil) throws(GateError) -> GateConfiguration {
    let reader = ConfigReader(file: file)
    let root = try reader.compose(text)
    let keys = [
      "plugin", "upstream", "repo", "adapters", "checks", "only", "exclude", "deny", "allowlist", "baseline", "matrix",
    ]
    let entries = try reader.mapping(root, "configuration", allowed: keys)
    let path = { (text: String) in resolve(text, in: directory) }
    var configuration = GateConfiguration(from: "", upstreams: [])
    if directory != nil { configuration.baseline = path("baseline.json") }
    var fromSeen = false
    for (key, _, value) in entries {
      switch key {
      case "plugin":
        for (pluginKey, _, pluginValue) in try reader.mapping(
          value, "plugin", allowed: ["path", "package", "from", "scan-config"])
        {
          let text = try reader.string(pluginValue, "plugin.\(pluginKey)")
          switch pluginKey {
          case "path":
            configuration.pluginPath = path(text)
            configuration.positions["plugin.path"] = reader.location(pluginValue)
          case "package": configuration.package = text
          case "from":
            configuration.from = text
            fromSeen = true
          default: configuration.scanConfiguration = path(text)
          }
        }
      case "upstream": configuration.upstreams = try reader.strings(value, key).map(\.0)
      case "repo": configuration.repo = path(try reader.string(value, key))
      case "adapters": configuration.adapters = path(try reader.string(value, key))
      case "checks":
        configuration.checks = []
        for (name, node) in try reader.strings(value, key) {
          guard GateChecks.named(name) != nil else {
            throw .invalid("unknown check \(name) (known: \(GateChecks.names.joined(separator: ", ")))", at: reader.location(node))
          }
          configuration.checks.append(name)
          configuration.positions["checks.\(name)"] = reader.location(node)
        }
      case "only": configuration.scope.only = try reader.strings(value, key).map(\.0)
      case "exclude": configuration.scope.exclude = try reader.strings(value, key).map(\.0)
      case "deny":
        configuration.deny = []
        for (name, node) in try reader.strings(value, key) {
          guard let gateClass = GateClass(rawValue: name) else {
            let known = GateClass.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalid("unknown class \(name) (known: \(known))", at: reader.location(node))
          }
          configuration.deny.append(gateClass)
        }
      case "allowlist": configuration.allowlist = path(try reader.string(value, key))
      case "matrix": configuration.matrices = try matrixFiles(value, reader: reader, path: path)
      default: configuration.baseline = path(try reader.string(value, key))
      }
    }
    guard fromSeen else {
      throw .invalid("plugin: from: is required (the upstream revision the plugin works with)", at: reader.location(root))
    }
    configuration.checks = GateChecks.names.filter(configuration.checks.contains)
    return configuration
  }

  /// The entries of `matrix:`: `{file, record}` for a matrix, `{file, from, to}` for a diff.
  static func matrixFiles(_ node: Node, reader: ConfigReader, path: (String) -> String) throws(GateError) -> [MatrixFile] {
    guard case .sequence(let sequence) = node else { throw .invalid("matrix: expected a list", at: reader.location(node)) }
    var files: [MatrixFile] = []
    for item in sequence {
      var values: [String: String] = [:]
      for (key, _, value) in try reader.mapping(item, "matrix", allowed: ["file", "record", "from", "to"]) {
        values[key] = try reader.string(value, "matrix.\(key)")
      }
      guard let file = values["file"], (values["record"] == nil) != (values["from"] == nil),
        (values["from"] == nil) == (values["to"] == nil)
      else {
        throw .invalid("matrix: an entry needs file and either record, or from and to", at: reader.location(item))
      }
      files.append(
        MatrixFile(
          name: file, path: path(file), record: values["record"].map(path), diffFrom: values["from"].map(path),
          diffTo: values["to"].map(path)))
    }
    return files
  }

  /// `text` read from `directory`: absolute paths and `~/` as they are.
  static func resolve(_ text: String, in directory: String?) -> String {
    let expanded = NSString(string: text).expandingTildeInPath
    guard let directory, !expanded.hasPrefix("/") else { return expanded }
    return URL(fileURLWithPath: expanded, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
      .standardizedFileURL.path
  }
}
