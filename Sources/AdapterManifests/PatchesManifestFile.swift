import APIModel
import Yams

/// One `patches.yaml` as written, before inheritance is resolved.
struct PatchesManifestFile {
  var revision: String
  var inherits: (revision: String, location: SourceLocation)?
  var package: String?
  var entries: [PatchEntry]

  private static let entryKeys = [
    "kind", "replaces", "upstream", "plugin", "at", "lane", "signature", "body_hash", "overrides", "moved_from",
    "status", "note", "finding",
  ]

  /// Parses a file's text and checks every key and value.
  init(text: String, file: String, expectedRevision: String) throws(ManifestError) {
    let reader = YAMLReader(file: file)
    let root = try reader.compose(text)
    let header = try reader.mapping(root, "the manifest", allowed: ["schema", "revision", "inherits", "package", "patches"])
    func value(_ key: String) -> Node? { header.first(where: { $0.key == key })?.value }
    func required(_ key: String) throws(ManifestError) -> Node {
      guard let node = value(key) else { throw .missingKey(key, in: "the manifest", at: reader.location(root)) }
      return node
    }
    let schemaNode = try required("schema")
    let schema = try reader.string(schemaNode, "schema")
    guard schema == PatchesManifestV1.schema else { throw .unsupportedSchema(schema, at: reader.location(schemaNode)) }
    let revisionNode = try required("revision")
    revision = try reader.string(revisionNode, "revision")
    guard revision == expectedRevision else {
      throw .revisionMismatch(declared: revision, expected: expectedRevision, at: reader.location(revisionNode))
    }
    if let node = value("inherits") { inherits = (try reader.string(node, "inherits"), reader.location(node)) }
    if let node = value("package") { package = try reader.string(node, "package") }
    let patches = try required("patches")
    entries = []
    // `patches:` with nothing under it: a revision that only inherits.
    guard patches.tag.rawValue != Tag.Name.null.rawValue else { return }
    var seen: [PatchEntry.Key: SourceLocation] = [:]
    for node in try reader.sequence(patches, "patches") {
      let entry = try Self.entry(node, reader: reader, revision: revision)
      if let first = seen[entry.key] {
        throw .invalidValue(key: "patches", reason: "duplicate entry \(entry.key) (first at line \(first.line))",
                            at: reader.location(node))
      }
      seen[entry.key] = reader.location(node)
      entries.append(entry)
    }
  }

  private static func entry(_ node: Node, reader: YAMLReader, revision: String) throws(ManifestError) -> PatchEntry {
    let fields = try reader.mapping(node, "a patch entry", allowed: entryKeys)
    func value(_ key: String) -> Node? {
      guard let found = fields.first(where: { $0.key == key })?.value,
            found.tag.rawValue != Tag.Name.null.rawValue else { return nil }
      return found
    }
    func string(_ key: String) throws(ManifestError) -> String? {
      guard let node = value(key) else { return nil }
      return try reader.string(node, key)
    }
    func enumerated<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ManifestError) -> E?
    where E.RawValue == String {
      guard let node = value(key) else { return nil }
      let text = try reader.string(node, key)
      guard let result = E(rawValue: text) else {
        let known = E.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalidValue(key: key, reason: "'\(text)' is not one of \(known)", at: reader.location(node))
      }
      return result
    }
    let location = reader.location(node)
    guard let kind = try enumerated("kind", PatchEntry.Kind.self) else {
      throw .missingKey("kind", in: "a patch entry", at: location)
    }
    guard let upstream = try string("upstream") else { throw .missingKey("upstream", in: "a patch entry", at: location) }
    let replaces = try enumerated("replaces", PatchEntry.Replaced.self)
    if kind == .replace, replaces == nil { throw .missingKey("replaces", in: "a 'replace' entry", at: location) }
    if kind != .replace, let node = value("replaces") {
      throw .invalidValue(key: "replaces", reason: "only 'replace' entries say what they replace", at: reader.location(node))
    }
    var at: SourceLocation?
    if let node = value("at") {
      let text = try reader.string(node, "at")
      guard let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]), line > 0 else {
        throw .invalidValue(key: "at", reason: "expected 'file:line'", at: reader.location(node))
      }
      at = SourceLocation(file: String(text[..<colon]), line: line)
    }
    var lane: [String]?
    if let node = value("lane") {
      var constraints: [String] = []
      for item in try reader.sequence(node, "lane") {
        let text = try reader.string(item, "lane")
        guard LaneText.parse(text) != nil else {
          throw .invalidValue(key: "lane", reason: "expected '<op> <version>' with op one of \(LaneText.operators.joined(separator: " "))",
                              at: reader.location(item))
        }
        constraints.append(text)
      }
      lane = constraints
    }
    var overrides: [PatchEntry.Override]?
    if let node = value("overrides") {
      guard kind == .subclass else {
        throw .invalidValue(key: "overrides", reason: "only 'subclass' entries list overrides", at: reader.location(node))
      }
      var list: [PatchEntry.Override] = []
      for (name, _, signature) in try reader.mapping(node, "overrides", allowed: []) {
        let text = signature.tag.rawValue == Tag.Name.null.rawValue ? nil : try reader.string(signature, name)
        list.append(.init(name: name, signature: text))
      }
      overrides = list.sorted { $0.name < $1.name }
    }
    var findings: [String] = []
    if let node = value("finding") {
      if case .sequence = node {
        for item in try reader.sequence(node, "finding") { findings.append(try reader.string(item, "finding")) }
      } else {
        findings = [try reader.string(node, "finding")]
      }
    }
    return PatchEntry(
      kind: kind, replaces: replaces, upstream: upstream, plugin: try string("plugin"), at: at, lane: lane,
      signature: try string("signature"), bodyHash: try string("body_hash"), overrides: overrides,
      movedFrom: try string("moved_from"), status: try enumerated("status", PatchEntry.Status.self) ?? .verified,
      note: try string("note"), findings: findings, definedIn: revision, location: location)
  }
}

/// The text form of one lane constraint, `== 0.9.1`.
public enum LaneText {
  /// The comparison operators a constraint may use.
  public static let operators = ["==", "!=", "<=", ">=", "<", ">"]

  /// Splits `== 0.9.1` into its operator and version, or nil when malformed.
  public static func parse(_ text: String) -> (op: String, version: String)? {
    let trimmed = text.drop { $0 == " " }
    guard let op = operators.first(where: { trimmed.hasPrefix($0) }) else { return nil }
    let version = trimmed.dropFirst(op.count).drop { $0 == " " }
    guard !version.isEmpty, !version.contains(" ") else { return nil }
    return (op, String(version))
  }
}
