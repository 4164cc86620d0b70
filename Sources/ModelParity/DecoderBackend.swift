import OpReference

/// The operations a decoder layer is composed of. ``ReferenceBackend`` computes them with the
/// upstream reference semantics (OpReference and plain loops); ``RuntimeBackend`` with the
/// revision's op mappings and MSRuntime ops. Activations are `[rows, width]`.
protocol DecoderBackend {
  associatedtype Activation
  /// Per-layer paged caches in vLLM's layout.
  associatedtype Cache

  func load(_ tensor: RefTensor) throws -> Activation
  func values(_ x: Activation) -> RefTensor
  func emptyCache(blocks: Int, blockSize: Int, kvHeads: Int, headSize: Int) throws -> Cache

  func embed(_ ids: [Int], table: Activation, scale: Float) throws -> Activation
  func linear(_ x: Activation, _ weight: Activation, bias: Activation?) throws -> Activation
  func int8Linear(_ x: Activation, _ weight: QuantizedWeight) throws -> Activation
  func rmsNorm(_ x: Activation, _ weight: Activation, epsilon: Float) throws -> Activation
  /// `fused_add_rms_norm`: `(norm(x + residual), x + residual)`.
  func addRmsNorm(_ x: Activation, residual: Activation, _ weight: Activation, epsilon: Float) throws -> (Activation, Activation)
  func gated(_ x: Activation, _ activation: Reference.GatedActivation) throws -> Activation
  func rope(query: Activation, key: Activation, positions: [Int], headSize: Int, cache: RefTensor, isNeox: Bool) throws
    -> (Activation, Activation)
  func add(_ a: Activation, _ b: Activation) throws -> Activation
  func scale(_ x: Activation, by factor: Float) throws -> Activation
  /// `x · sigmoid(g)` with `g` of width 1 (a shared expert's gate).
  func gate(_ x: Activation, by g: Activation) throws -> Activation
  func softcap(_ x: Activation, cap: Float) throws -> Activation
  /// Columns `start..<start+length` of every head of `x [rows, heads·width]`.
  func heads(_ x: Activation, count: Int, width: Int, start: Int, length: Int) throws -> Activation
  /// Per head, the columns of `a` then of `b`.
  func joinHeads(_ a: Activation, _ b: Activation, count: Int) throws -> Activation
  /// `x [rows, width]` repeated for `count` heads.
  func repeatHeads(_ x: Activation, count: Int) throws -> Activation
  /// Every head of `x [rows, count·width]` followed by zeros up to `to` columns.
  func padHeads(_ x: Activation, count: Int, to width: Int) throws -> Activation
  /// The same values as `[count / width, width]`.
  func reshape(_ x: Activation, width: Int) throws -> Activation

  func writeCache(key: Activation, value: Activation, cache: inout Cache, slots: [Int], kvHeads: Int) throws
  /// Causal prefill attention of each sequence over its own tokens.
  func prefillAttention(
    query: Activation, key: Activation, value: Activation, lengths: [Int], shape: AttentionShape) throws -> Activation
  /// One query per sequence over its cached tokens.
  func decodeAttention(query: Activation, cache: Cache, blockTables: [[Int]], lengths: [Int], shape: AttentionShape) throws
    -> Activation

  /// Top-k expert ids and float32 weights per row of router logits.
  func route(_ logits: Activation, hidden: Activation, routing: ScaledModel.Routing, bias: RefTensor?) throws
    -> (weights: [Float], ids: [Int])
  /// The routed experts' weighted sum: `Σ_k w_k · down_e(act(gate_up_e(x)))`.
  func experts(_ x: Activation, weights: [Float], ids: [Int], topk: Int, gateUp: Activation, down: Activation,
    activation: Reference.GatedActivation) throws -> Activation
}

/// Heads, window, soft-cap and scale of one attention call.
struct AttentionShape {
  var heads, kvHeads, headSize: Int
  var scale: Float
  var window: Int?
  var softcap: Float?
  /// Whether a query sees only earlier tokens (decoders) or every token of its sequence
  /// (the vision tower).
  var isCausal = true
}

/// An int8 weight `[out, in]` with one float32 scale per output channel.
struct QuantizedWeight {
  var values: RefTensor
  var scales: [Float]
}
