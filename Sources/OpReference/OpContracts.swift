/// The parts of the upstream op contracts that changed between vLLM releases.
///
/// Each property names the first release with the newer behaviour, as read from the
/// release's `vllm/_custom_ops.py`, `fused_moe/fused_moe.py` and `csrc/cache_kernels.cu`.
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

  /// `reshape_and_cache_flash` accepts the HND cache stride order (logical shape unchanged,
  /// `[num_blocks, block_size, num_heads, head_size]`) from v0.10.1.
  public var flashCacheAcceptsHNDStrides: Bool { revision >= UpstreamRevision.since(0, 10, 1) }
}
