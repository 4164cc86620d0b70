import APIModel
import Yams

/// One `ops.yaml` as written, before inheritance is resolved.
struct ManifestFile {
  var revision: String
  var inherits: (revision: String, location: SourceLocation)?
  var mappings: [String: OpMapping]
  /// Each entry's YAML, to check names once the revision's entries are merged.
  var entries: [String: (keyNode: Node, body: Node)]
  let reader: YAMLReader

  /// Parses a file's text and checks its structure; names are checked by ``checked(_:)``.
  init(text: String, file: String, expectedRevision: String) throws(ManifestError) {
    let reader = YAMLReader(file: file)
    self.reader = reader
    let root = try reader.compose(text)
    let header = try reader.mapping(root, "the manifest", allowed: ["schema", "revision", "inherits", "ops"])
    func required(_ key: String) throws(ManifestError) -> Node {
      guard let entry = header.first(where: { $0.key == key }) else {
        throw .missingKey(key, in: "the manifest", at: reader.location(root))
      }
      return entry.value
    }
    let schemaNode = try required("schema")
    let schema = try reader.string(schemaNode, "schema")
    guard schema == OpsManifestV1.schema else { throw .unsupportedSchema(schema, at: reader.location(schemaNode)) }
    let revisionNode = try required("revision")
    revision = try reader.string(revisionNode, "revision")
    guard revision == expectedRevision else {
      throw .revisionMismatch(declared: revision, expected: expectedRevision, at: reader.location(revisionNode))
    }
    if let node = header.first(where: { $0.key == "inherits" })?.value {
      inherits = (try reader.string(node, "inherits"), reader.location(node))
    }
    mappings = [:]
    entries = [:]
    let parser = MappingParser(reader: reader, revision: revision, vocabulary: nil)
    let ops = try required("ops")
    // `ops:` with nothing under it: a revision that only inherits.
    let isEmpty = ops.tag.rawValue == Tag.Name.null.rawValue
    for (op, keyNode, body) in isEmpty ? [] : try reader.mapping(ops, "ops", allowed: []) {
      mappings[op] = try parser.parse(op: op, keyNode: keyNode, body: body)
      entries[op] = (keyNode, body)
    }
  }

  /// Parses one of this file's entries again, checking every name against `vocabulary`.
  func checked(_ op: String, vocabulary: OpVocabulary) throws(ManifestError) -> OpMapping? {
    guard let entry = entries[op] else { return nil }
    return try MappingParser(reader: reader, revision: revision, vocabulary: vocabulary)
      .parse(op: op, keyNode: entry.keyNode, body: entry.body)
  }
}
