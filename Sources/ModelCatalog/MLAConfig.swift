/// Multi-head latent attention (DeepSeek-V2/V3) projection ranks and head dimensions.
public struct MLAConfig: Sendable, Hashable {
  /// Rank of the query down-projection; `nil` when queries are projected directly (V2-Lite).
  public var qLoraRank: Int?
  public var kvLoraRank: Int
  public var qkNopeHeadDim: Int
  public var qkRopeHeadDim: Int
  public var vHeadDim: Int

  /// Query/key head dimension: the un-rotated part plus the rotated part.
  public var qkHeadDim: Int { qkNopeHeadDim + qkRopeHeadDim }

  public init(qLoraRank: Int?, kvLoraRank: Int, qkNopeHeadDim: Int, qkRopeHeadDim: Int, vHeadDim: Int) {
    self.qLoraRank = qLoraRank
    self.kvLoraRank = kvLoraRank
    self.qkNopeHeadDim = qkNopeHeadDim
    self.qkRopeHeadDim = qkRopeHeadDim
    self.vHeadDim = vHeadDim
  }
}
