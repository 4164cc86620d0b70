import APIModel
import Yams

/// One `ops.yaml` as written, before inheritance is resolved.
struct ManifestFile {
  var revision: String
  var inherits: (revision: String, location: SourceLocation)?
  var mappings: [String: OpMapping]

  /// Parses and validates a file's text.
  init(text: String, file: String, expectedRevision: String, vocabulary: OpVocabulary?) throws(ManifestError) {
    let reader = YAMLReader(file: file)
    let root = try reader.compose(text)
    let entries = try reader.mapping(root, "the manifest", allowed: ["schema", "revision", "inherits", "ops"])
    func required(_ key: String) throws(ManifestError) -> Node {
      guard let entry = entries.first(where: { $0.key == key }) else {
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
    if let node = entries.first(where: { $0.key == "inherits" })?.value {
      inherits = (try reader.string(node, "inherits"), reader.location(node))
    }
    mappings = [:]
    let parser = MappingParser(reader: reader, revision: revision, vocabulary: vocabulary)
    for (op, keyNode, body) in try reader.mapping(try required("ops"), "ops", allowed: []) {
      mappings[op] = try parser.parse(op: op, keyNode: keyNode, body: body)
    }
  }
}
