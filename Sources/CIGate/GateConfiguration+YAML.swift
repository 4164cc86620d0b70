import APIModel
import Foundation
import Yams

extension GateConfiguration {
  /// Reads `ci/vmsync.yaml`.
  /// - Throws: ``GateError/invalid(_:at:)`` naming the file and line of the first problem.
  public static func load(from path: String) throws(GateError) -> GateConfiguration {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .argument("\(path): cannot read the configuration file")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  /// Parses a configuration; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(GateError) -> GateConfiguration {
    let reader = ConfigReader(file: file)
    let root = try reader.compose(text)
    let keys = ["plugin", "upstream", "repo", "adapters", "checks", "only", "exclude", "deny", "allowlist", "baseline"]
    let entries = try reader.mapping(root, "configuration", allowed: keys)
    var configuration = GateConfiguration(from: "", upstreams: [])
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
            configuration.pluginPath = text
            configuration.positions["plugin.path"] = reader.location(pluginValue)
          case "package": configuration.package = text
          case "from":
            configuration.from = text
            fromSeen = true
          default: configuration.scanConfiguration = text
          }
        }
      case "upstream": configuration.upstreams = try reader.strings(value, key).map(\.0)
      case "repo": configuration.repo = try reader.string(value, key)
      case "adapters": configuration.adapters = try reader.string(value, key)
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
      case "allowlist": configuration.allowlist = try reader.string(value, key)
      default: configuration.baseline = try reader.string(value, key)
      }
    }
    guard fromSeen else {
      throw .invalid("plugin: from: is required (the upstream revision the plugin works with)", at: reader.location(root))
    }
    configuration.checks = GateChecks.names.filter(configuration.checks.contains)
    return configuration
  }
}
