/// Sliding-window attention and the layers that use it.
public struct SlidingWindow: Sendable, Hashable {
  /// Window length in tokens; > 0.
  public var size: Int
  /// When set, every `globalEvery`-th layer (1-based: layers `globalEvery - 1`, `2 * globalEvery - 1`, …
  /// counting from 0) uses full attention and the others slide (Gemma 2: 2, Gemma 3: 6).
  /// When `nil`, every layer slides.
  public var globalEvery: Int?

  public init(size: Int, globalEvery: Int?) {
    self.size = size
    self.globalEvery = globalEvery
  }

  /// Whether the 0-based decoder layer `layer` uses the window.
  public func isSliding(layer: Int) -> Bool {
    guard let globalEvery else { return true }
    return (layer + 1) % globalEvery != 0
  }
}
