/// The vision encoder of a vision-language model.
public struct VisionConfig: Sendable, Hashable {
  public var depth: Int
  public var hiddenSize: Int
  public var numHeads: Int
  public var intermediateSize: Int
  public var patchSize: Int
  /// Spatial patches merged into one language token per side (2 → 2×2); 1 when absent.
  public var spatialMergeSize: Int
  public var temporalPatchSize: Int?
  /// Width handed to the language model after merging.
  public var outHiddenSize: Int?
  public var hiddenAct: String?
  /// Window-attention size in pixels (Qwen2.5-VL).
  public var windowSize: Int?
  /// Blocks that attend over the whole image when the others use windows.
  public var fullattBlockIndexes: [Int]
  /// Blocks whose features are injected into early decoder layers (Qwen3-VL).
  public var deepstackVisualIndexes: [Int]

  public init(
    depth: Int, hiddenSize: Int, numHeads: Int, intermediateSize: Int, patchSize: Int, spatialMergeSize: Int,
    temporalPatchSize: Int?, outHiddenSize: Int?, hiddenAct: String?, windowSize: Int?, fullattBlockIndexes: [Int],
    deepstackVisualIndexes: [Int]
  ) {
    self.depth = depth
    self.hiddenSize = hiddenSize
    self.numHeads = numHeads
    self.intermediateSize = intermediateSize
    self.patchSize = patchSize
    self.spatialMergeSize = spatialMergeSize
    self.temporalPatchSize = temporalPatchSize
    self.outHiddenSize = outHiddenSize
    self.hiddenAct = hiddenAct
    self.windowSize = windowSize
    self.fullattBlockIndexes = fullattBlockIndexes
    self.deepstackVisualIndexes = deepstackVisualIndexes
  }
}
