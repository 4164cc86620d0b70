/// The parts of the upstream op contracts that changed between vLLM releases.
///
/// Each property names the first release with the newer behaviour, as read from the
/// release's `vllm/_custom_ops.py` and `model_executor/layers/fused_moe/fused_moe.py`. The
/// cache layouts did not change for v0.9.1 … v0.11.0: from v0.10.1 `reshape_and_cache_flash`
/// also accepts caches allocated in HND order, but their logical shape stays
/// `[num_blocks, block_size, num_heads, head_size]`.
public struct OpContracts: Sendable, Hashable {
  public let revision: UpstreamRevision

  public init(revision: UpstreamRevision) { self.revision = revision }

  /// The name of `topk_softmax`'s third argument: spelled `token_expert_indicies` until
  /// v0.9.1, `token_expert_indices` from v0.9.2.
  public var topkSoftmaxIndicesArgument: String {
    revision >= UpstreamRevision.since(0, 9, 2) ? "token_expert_indices" : "token_expert_indicies"
  }

  /// `_custom_ops.topk_softmax(..., renormalize=False)`: the kernel renormalises itself from
  /// v0.11.1; before, `fused_topk` renormalises after the kernel.
  public var topkSoftmaxTakesRenormalize: Bool { revision >= UpstreamRevision.since(0, 11, 1) }

  /// `fused_moe.grouped_topk(..., routed_scaling_factor=1.0, ...)` exists from v0.10.2.
  public var groupedTopkTakesRoutedScalingFactor: Bool { revision >= UpstreamRevision.since(0, 10, 2) }
}
