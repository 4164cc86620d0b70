import APIModel
import Foundation
import YAMLDocument
import Yams

extension ScanConfiguration {
  /// Reads a configuration from YAML (the format is described in `docs/plugin-scan.md`).
  /// - Parameter url: The YAML file.
  /// - Returns: The configuration; with `include_defaults` (the default) the helpers of
  ///   `ScanConfiguration.default` come first.
  /// - Throws: `ScanError` naming the file and line of the first problem.
  public static func load(from url: URL) throws(ScanError) -> ScanConfiguration {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadable(path: url.path, reason: error.localizedDescription)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw .configurationSyntax("not UTF-8 text", at: SourceLocation(file: url.path, line: 1))
    }
    return try parse(yaml: text, file: url.path)
  }

  /// Reads a configuration from YAML text; `file` names it in errors.
  static func parse(yaml text: String, file: String) throws(ScanError) -> ScanConfiguration {
    let reader = ConfigurationReader(file: file)
    let root = try reader.compose(text)
    var configuration = ScanConfiguration(upstreamPackage: "vllm")
    var includeDefaults = true
    var helpers: [PatchHelper] = []
    var versionHelpers: [VersionHelper] = []
    let keys = ["upstream_package", "include_defaults", "helpers", "version_helpers"]
    for (key, value) in try reader.mapping(root, "configuration", allowed: keys) {
      switch key {
      case "upstream_package": configuration.upstreamPackage = try reader.dottedName(value, key)
      case "include_defaults": includeDefaults = try reader.bool(value, key)
      case "helpers": helpers = try reader.sequence(value, key).map { (node) throws(ScanError) in try reader.helper(node) }
      default: versionHelpers = try reader.sequence(value, key).map { (node) throws(ScanError) in try reader.versionHelper(node) }
      }
    }
    configuration.helpers = (includeDefaults ? ScanConfiguration.default.helpers : []) + helpers
    configuration.versionHelpers = (includeDefaults ? ScanConfiguration.default.versionHelpers : []) + versionHelpers
    return configuration
  }
}

/// Typed reads from a composed YAML tree; every failure names the file, line and column.
private struct ConfigurationReader {
  let file: String

  func location(_ node: Node) -> SourceLocation { YAMLDocument.location(of: node, in: file) }

  func compose(_ text: String) throws(ScanError) -> Node {
    do throws(YAMLDocument.SyntaxError) {
      return try YAMLDocument.compose(text, file: file)
    } catch {
      throw .configurationSyntax(error.problem, at: error.location)
    }
  }

  func mapping(_ node: Node, _ context: String, allowed: [String]) throws(ScanError) -> [(key: String, value: Node)] {
    guard case .mapping(let mapping) = node else {
      throw .invalidValue(key: context, reason: "expected a mapping", at: location(node))
    }
    var entries: [(key: String, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode, allowed.contains(key.string) else {
        throw .unknownKey(keyNode.string ?? "?", in: context, at: location(keyNode))
      }
      entries.append((key.string, value))
    }
    return entries
  }

  func sequence(_ node: Node, _ key: String) throws(ScanError) -> [Node] {
    guard case .sequence(let sequence) = node else {
      throw .invalidValue(key: key, reason: "expected a list", at: location(node))
    }
    return Array(sequence)
  }

  func string(_ node: Node, _ key: String) throws(ScanError) -> String {
    guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.str.rawValue, !scalar.string.isEmpty else {
      throw .invalidValue(key: key, reason: "expected a non-empty string", at: location(node))
    }
    return scalar.string
  }

  func dottedName(_ node: Node, _ key: String) throws(ScanError) -> String {
    let name = try string(node, key)
    let isDotted = name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
      part.first.map { !$0.isNumber } ?? false && part.allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
    guard isDotted else { throw .invalidValue(key: key, reason: "'\(name)' is not a dotted Python name", at: location(node)) }
    return name
  }

  func bool(_ node: Node, _ key: String) throws(ScanError) -> Bool {
    guard node.tag.rawValue == Tag.Name.bool.rawValue, let value = node.bool else {
      throw .invalidValue(key: key, reason: "expected true or false", at: location(node))
    }
    return value
  }

  func helper(_ node: Node) throws(ScanError) -> PatchHelper {
    var name: String?
    var form = PatchHelper.Form.call
    var kind = ReferenceKind.replace
    var target: ArgumentSlot?
    var attribute: ArgumentSlot?
    var replacement: ArgumentSlot?
    let keys = ["name", "form", "kind", "target", "attribute", "replacement"]
    for (key, value) in try mapping(node, "helper", allowed: keys) {
      switch key {
      case "name": name = try dottedName(value, key)
      case "form":
        guard let parsed = PatchHelper.Form(rawValue: try string(value, key)) else {
          throw .invalidValue(key: key, reason: "expected call or decorator", at: location(value))
        }
        form = parsed
      case "kind":
        guard let parsed = ReferenceKind(rawValue: try string(value, key)), [.replace, .wrap, .module].contains(parsed)
        else { throw .invalidValue(key: key, reason: "expected replace, wrap or module", at: location(value)) }
        kind = parsed
      case "target": target = try slot(value, key)
      case "attribute": attribute = try slot(value, key)
      default: replacement = try slot(value, key)
      }
    }
    guard let name else { throw .missingKey("name", in: "helper", at: location(node)) }
    guard let target else { throw .missingKey("target", in: "helper '\(name)'", at: location(node)) }
    if form == .decorator, replacement != nil {
      throw .invalidValue(key: "replacement", reason: "a decorator replaces with the decorated definition", at: location(node))
    }
    return PatchHelper(name: name, form: form, kind: kind, target: target, attribute: attribute, replacement: replacement)
  }

  /// `0` (a position), `name` (a keyword) or `{position: 0, keyword: name}`.
  func slot(_ node: Node, _ key: String) throws(ScanError) -> ArgumentSlot {
    if node.tag.rawValue == Tag.Name.int.rawValue, let position = node.int {
      guard position >= 0 else { throw .invalidValue(key: key, reason: "positions start at 0", at: location(node)) }
      return ArgumentSlot(position: position)
    }
    if case .scalar = node { return ArgumentSlot(keyword: try dottedName(node, key)) }
    var slot = ArgumentSlot()
    for (entry, value) in try mapping(node, key, allowed: ["position", "keyword"]) {
      if entry == "keyword" {
        slot.keyword = try dottedName(value, entry)
      } else {
        guard value.tag.rawValue == Tag.Name.int.rawValue, let position = value.int, position >= 0 else {
          throw .invalidValue(key: entry, reason: "expected a position (0 or more)", at: location(value))
        }
        slot.position = position
      }
    }
    guard slot.position != nil || slot.keyword != nil else {
      throw .invalidValue(key: key, reason: "expected a position or a keyword", at: location(node))
    }
    return slot
  }

  func versionHelper(_ node: Node) throws(ScanError) -> VersionHelper {
    var helper = VersionHelper(name: "")
    for (key, value) in try mapping(node, "version helper", allowed: ["name", "op"]) {
      if key == "name" {
        helper.name = try dottedName(value, key)
      } else {
        helper.op = try string(value, key)
        guard VersionGate.operators.contains(helper.op) else {
          throw .invalidValue(key: key, reason: "expected one of ==, !=, <, <=, >, >=", at: location(value))
        }
      }
    }
    guard !helper.name.isEmpty else { throw .missingKey("name", in: "version helper", at: location(node)) }
    return helper
  }
}
