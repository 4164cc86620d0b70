/// The normalisation layers: RMSNorm (`rms_norm_eps`) or LayerNorm (`layer_norm_eps`).
public struct Normalization: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable { case rms, layer }
  public var kind: Kind
  public var epsilon: Double

  public init(kind: Kind, epsilon: Double) {
    self.kind = kind
    self.epsilon = epsilon
  }
}
