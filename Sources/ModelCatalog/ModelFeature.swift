import APIModel

/// A feature column of the model support matrix, derived from a model's facts.
public enum ModelFeature: String, Sendable, Hashable, CaseIterable, Comparable {
  case gqa, mqa, mla
  case ropeDefault = "rope-default"
  case ropeYarn = "rope-yarn"
  case ropeLlama3 = "rope-llama3"
  case ropeLinear = "rope-linear"
  case ropeDynamic = "rope-dynamic"
  case ropeLongrope = "rope-longrope"
  case mrope
  case partialRotary = "partial-rotary"
  case qkNorm = "qk-norm"
  case slidingWindow = "sliding-window"
  case softcap, moe
  case moeGroupedTopk = "moe-grouped-topk"
  case sharedExperts = "shared-experts"
  case mtp, vision
  case tiedEmbeddings = "tied-embeddings"
  case attentionBias = "attention-bias"
  case pooling

  /// The feature with this column name.
  /// - Throws: `CatalogError` naming `location` when no feature has this name.
  public static func named(_ name: String, at location: SourceLocation) throws(CatalogError) -> ModelFeature {
    guard let feature = ModelFeature(rawValue: name) else { throw .unknownFeature(name, at: location) }
    return feature
  }

  /// Column order: the declaration order above.
  public static func < (lhs: ModelFeature, rhs: ModelFeature) -> Bool {
    columnIndex[lhs, default: 0] < columnIndex[rhs, default: 0]
  }

  private static let columnIndex = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
