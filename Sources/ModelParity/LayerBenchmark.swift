import MSRuntime
import ModelCatalog
import OpReference
import Parity

/// Prepares one decoder layer of each catalogue model to run on the runtime side of the numeric
/// parity — the same recipe, the revision's op mappings and MSRuntime — over a prefill of a
/// realistic ragged batch, in float32 (the dtype whose GEMMs are bare `cblas_sgemm`), with the
/// GEMMs the layer issues recorded so a benchmark can set the layer against BLAS at the same
/// shapes.
///
/// The rule (`docs/models.md`, "Decoder-layer benchmark"): each model scaled as for numeric parity
/// but with float MLPs everywhere (no int8), one layer of every distinct kind the scaled model
/// has (dense, dense with a sliding window, MoE), a prefill of ``promptLengths`` through a fresh
/// paged cache with a residual stream entering the layer, one untimed warm-up pass (weights
/// loaded, the GEMMs traced); the benchmark times the passes after it.
public struct LayerBenchmark: Sendable {
  /// The benchmark batch: three prompts, a few hundred tokens in all, two of them ending inside
  /// a 16-token block.
  public static let promptLengths = [96, 250, 166]

  /// The directory holding `<revision>/ops.yaml`.
  public let adaptersDirectory: String
  public let catalog: ModelCatalog
  public let seed: UInt64

  /// Creates a benchmark over `catalog`'s models.
  public init(adaptersDirectory: String, catalog: ModelCatalog, seed: UInt64 = 0x5EED_0F_0D5) {
    self.adaptersDirectory = adaptersDirectory
    self.catalog = catalog
    self.seed = seed
  }

  /// Calls `body` with every distinct layer of `models` (all catalogue models when `nil`), each
  /// after its warm-up pass.
  /// - Throws: ``ModelParityError`` for an unknown architecture, `ParityError` for a bad revision
  ///   or manifest, what a layer's ops throw, or what `body` throws.
  public func forEachLayer(revision: String, models: [String]? = nil, _ body: (LayerCase) throws -> Void) throws {
    let mappings = try OpMappings(adaptersDirectory: adaptersDirectory, revision: revision)
    for name in models ?? catalog.models.map(\.architecture) {
      guard let entry = catalog[name] else {
        throw ModelParityError.unknownArchitecture(name, known: catalog.models.map(\.architecture))
      }
      let model = ScaledModel(entry, int8: false, revision: revision)
      let batch = Batch(promptLengths: Self.promptLengths, decodeSteps: 0)
      let weights = WeightSource(seed: WeightSource.hash(model.architecture, seed), dtype: .float32)
      let backend = RuntimeBackend(dtype: .float32, mappings: mappings, flops: FlopCounter())
      let recipe = try DecoderRecipe(
        model: model, backend: backend, weights: weights, batch: batch, defect: nil, ledger: RoutingLedger(),
        isReference: false)
      let tokens = batch.promptLengths.reduce(0, +)
      let input = (
        hidden: try backend.load(weights.normal("bench.hidden", [tokens, model.hidden], scale: 1)),
        residual: try backend.load(weights.normal("bench.residual", [tokens, model.hidden], scale: 1))
      )
      var seen: Set<ScaledModel.Layer> = []
      for (index, layer) in model.layers.enumerated() where seen.insert(layer).inserted {
        try body(try LayerCase(recipe: recipe, index: index, layer: layer, batch: batch, input: input))
      }
    }
  }
}

/// One decoder layer of a scaled model, ready to run its prefill on the runtime side.
public final class LayerCase {
  public let architecture: String
  /// `dense`, `moe`, with `-sliding` for a sliding-window layer.
  public let layer: String
  /// Tokens of the prefill.
  public let tokens: Int
  /// The GEMMs one pass issues, by shape (projections, experts, and prefill attention's score
  /// and value products, which the runtime runs on BLAS too), traced in the warm-up pass.
  public let gemms: [GEMMShape: Int]
  private let pass: () throws -> Void

  fileprivate init(
    recipe: DecoderRecipe<RuntimeBackend>, index: Int, layer: ScaledModel.Layer, batch: Batch,
    input: (hidden: Tensor, residual: Tensor)
  ) throws {
    architecture = recipe.model.architecture
    self.layer = (layer.isSparse ? "moe" : "dense") + (layer.isSliding ? "-sliding" : "")
    tokens = batch.promptLengths.reduce(0, +)
    var positions: [Int] = []
    for length in batch.promptLengths { positions += 0..<length }
    let start = [Int](repeating: 0, count: batch.promptLengths.count)
    let pass = {
      _ = try recipe.decoderLayer(
        index, layer, input.hidden, residual: input.residual, positions: positions, lengths: batch.promptLengths,
        start: start, isPrefill: true)
    }
    self.pass = pass
    let trace = GEMMTrace()
    try MS.$gemmTrace.withValue(trace) { try pass() }
    gemms = trace.calls
  }

  /// Runs one prefill pass of the layer.
  /// - Throws: What the layer's ops throw.
  public func run() throws { try pass() }
}
