import AdapterManifests
import MSRuntime
import OpReference

/// A revision's op mappings, ready to be called one upstream op at a time (as a model's layers
/// call them).
public struct OpMappings: Sendable {
  /// The vLLM revision, `v0.11.0`.
  public let revision: String
  private let manifest: OpsManifestV1

  /// Loads and checks `<adaptersDirectory>/<revision>/ops.yaml`.
  /// - Throws: ``ParityError`` for a bad revision or an invalid manifest.
  public init(adaptersDirectory: String, revision: String) throws(ParityError) {
    guard let upstreamRevision = UpstreamRevision(revision) else { throw .invalidRevision(revision) }
    do {
      manifest = try OpsManifestLoader(
        directory: adaptersDirectory, vocabulary: UpstreamOps.vocabulary(OpContracts(revision: upstreamRevision))
      ).load(revision: revision)
    } catch {
      throw .manifest(error)
    }
    self.revision = revision
  }

  /// Calls upstream op `op` through its mapping.
  /// - Parameters:
  ///   - op: The vLLM name, `vllm._custom_ops.rms_norm`.
  ///   - arguments: Every upstream argument by name.
  /// - Returns: Every tensor argument as the mapping left it (written outputs, in-place
  ///   updates) and the returned values as `return[i]`.
  /// - Throws: A one-line error naming the mapping's file:line when the op has no mapping or a
  ///   step fails.
  public func call(_ op: String, _ arguments: [String: Value]) throws -> [String: Tensor] {
    guard let mapping = manifest.mappings[op] else {
      throw ParityError.unknownOp(op, known: manifest.mappings.keys.sorted())
    }
    return try MappingExecutor(mapping: mapping).run(arguments)
  }
}
