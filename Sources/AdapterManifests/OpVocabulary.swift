/// The names a manifest may use: the upstream ops with their argument names, and the
/// MindSpore ops with their keyword arguments. The loader checks every entry against it.
public struct OpVocabulary: Sendable {
  /// Upstream op (`vllm._custom_ops.rms_norm`) → argument names.
  public var upstream: [String: [String]]
  /// MindSpore op (`rms_norm`) → keyword argument names.
  public var mindspore: [String: [String]]

  /// Creates a vocabulary.
  /// - Parameters:
  ///   - upstream: Upstream op names and their argument names.
  ///   - mindspore: MindSpore op names and their keyword argument names.
  public init(upstream: [String: [String]], mindspore: [String: [String]]) {
    self.upstream = upstream
    self.mindspore = mindspore
  }
}
