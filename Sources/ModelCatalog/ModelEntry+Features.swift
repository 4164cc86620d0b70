extension ModelEntry {
  /// The matrix columns this model exercises, derived from its facts.
  public var features: Set<ModelFeature> {
    var features: Set<ModelFeature> = []
    if mla != nil {
      features.insert(.mla)
    } else if config.numKeyValueHeads == 1 {
      features.insert(.mqa)
    } else if config.numKeyValueHeads < config.numAttentionHeads {
      features.insert(.gqa)
    }
    switch config.ropeScaling?.kind ?? .default {
    case .default: features.insert(config.mropeSection == nil ? .ropeDefault : .mrope)
    case .linear: features.insert(.ropeLinear)
    case .dynamic: features.insert(.ropeDynamic)
    case .yarn: features.insert(.ropeYarn)
    case .llama3: features.insert(.ropeLlama3)
    case .mrope: features.insert(.mrope)
    case .longrope: features.insert(.ropeLongrope)
    }
    if config.partialRotaryFactor < 1 { features.insert(.partialRotary) }
    if config.hasQKNorm { features.insert(.qkNorm) }
    if config.slidingWindow != nil { features.insert(.slidingWindow) }
    if config.attnLogitSoftcapping != nil || config.finalLogitSoftcapping != nil { features.insert(.softcap) }
    if let moe {
      features.insert(.moe)
      if moe.nGroup > 1 { features.insert(.moeGroupedTopk) }
      if moe.nSharedExperts > 0 || (moe.sharedExpertIntermediateSize ?? 0) > 0 { features.insert(.sharedExperts) }
    }
    if mtpLayers > 0 { features.insert(.mtp) }
    if vision != nil { features.insert(.vision) }
    if config.tieWordEmbeddings { features.insert(.tiedEmbeddings) }
    if config.hasAttentionBias { features.insert(.attentionBias) }
    if task != .generate { features.insert(.pooling) }
    return features
  }
}
