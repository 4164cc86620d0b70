import AdapterManifests
import MSRuntime
import OpReference

/// The upstream ops the parity run knows, by vLLM name.
enum UpstreamOps {
  static let all: [UpstreamOp] = [
    rmsNorm, fusedAddRmsNorm, siluAndMul, geluAndMul, geluTanhAndMul, rotaryEmbedding, reshapeAndCache,
    reshapeAndCacheFlash, pagedAttentionV1, topkSoftmax, fusedTopk, groupedTopk, scaledInt8Quant,
  ]

  static let byName: [String: UpstreamOp] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

  /// The names a revision's manifest may use: these ops and the runtime's MindSpore ops.
  static func vocabulary(_ contracts: OpContracts) -> OpVocabulary {
    OpVocabulary(
      upstream: Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.arguments(contracts)) }),
      mindspore: Dictionary(uniqueKeysWithValues: MS.opNames.map { ($0, MS.parameters(of: $0) ?? []) }))
  }
}
