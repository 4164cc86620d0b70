/// Rotary-embedding scaling, as written under `rope_scaling` in `config.json`.
public struct RopeScaling: Sendable, Hashable {
  /// The scaling method (`rope_type`, or the older `type`).
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case `default`, linear, dynamic, yarn, llama3, mrope, longrope
  }

  public var kind: Kind
  public var factor: Double?
  public var originalMaxPositionEmbeddings: Int?
  /// Llama 3 wavelength bounds.
  public var lowFreqFactor: Double?
  public var highFreqFactor: Double?
  /// YaRN ramp bounds and attention-temperature terms.
  public var betaFast: Double?
  public var betaSlow: Double?
  public var mscale: Double?
  public var mscaleAllDim: Double?
  /// LongRoPE per-dimension factors.
  public var longFactor: [Double]?
  public var shortFactor: [Double]?

  public init(
    kind: Kind, factor: Double? = nil, originalMaxPositionEmbeddings: Int? = nil, lowFreqFactor: Double? = nil,
    highFreqFactor: Double? = nil, betaFast: Double? = nil, betaSlow: Double? = nil, mscale: Double? = nil,
    mscaleAllDim: Double? = nil, longFactor: [Double]? = nil, shortFactor: [Double]? = nil
  ) {
    self.kind = kind
    self.factor = factor
    self.originalMaxPositionEmbeddings = originalMaxPositionEmbeddings
    self.lowFreqFactor = lowFreqFactor
    self.highFreqFactor = highFreqFactor
    self.betaFast = betaFast
    self.betaSlow = betaSlow
    self.mscale = mscale
    self.mscaleAllDim = mscaleAllDim
    self.longFactor = longFactor
    self.shortFactor = shortFactor
  }
}
