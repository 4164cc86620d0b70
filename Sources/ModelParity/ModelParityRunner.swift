import MSRuntime
import ModelCatalog
import OpReference
import Parity

/// Runs each catalogue model, scaled down, twice — with the upstream reference semantics and
/// through a revision's op mappings on the runtime — and compares hidden states, logits and
/// greedy tokens over a ragged prefill and decode steps through the paged KV cache.
public struct ModelParityRunner: Sendable {
  /// The directory holding `<revision>/ops.yaml`.
  public let adaptersDirectory: String
  public let catalog: ModelCatalog
  public let seed: UInt64
  /// Architectures whose MLPs run the int8 (W8A8) path.
  public let int8Architectures: Set<String>
  let batch: Batch
  let defect: RecipeDefect?

  /// Creates a runner.
  public init(
    adaptersDirectory: String, catalog: ModelCatalog, seed: UInt64 = 0x5EED_0F_0D5,
    int8Architectures: Set<String> = ["LlamaForCausalLM"]
  ) {
    self.init(adaptersDirectory: adaptersDirectory, catalog: catalog, seed: seed, int8Architectures: int8Architectures,
      defect: nil)
  }

  init(adaptersDirectory: String, catalog: ModelCatalog, seed: UInt64 = 0x5EED_0F_0D5,
    int8Architectures: Set<String> = ["LlamaForCausalLM"], defect: RecipeDefect?)
  {
    self.adaptersDirectory = adaptersDirectory
    self.catalog = catalog
    self.seed = seed
    self.int8Architectures = int8Architectures
    self.batch = Batch()
    self.defect = defect
  }

  /// Allowed error of hidden states and logits per dtype, `atol·max(1, rms) + rtol·|expected|`
  /// with `rms` the compared tensor's root mean square, for a composition of two or three
  /// decoder layers (both sides round at every op boundary, in different orders).
  static func tolerance(_ dtype: FloatType) -> (atol: Float, rtol: Float) {
    switch dtype {
    case .float32: (2e-3, 2e-3)
    case .float16: (6e-2, 3e-2)
    case .bfloat16: (3e-1, 1e-1)
    }
  }

  /// Token routings whose experts may differ: none in float32; in half precision one in eight,
  /// as router logits that differ by one rounding can swap experts at the top-k boundary.
  static func allowedFlips(_ dtype: FloatType, compared: Int) -> Int { dtype == .float32 ? 0 : compared / 8 }

  /// Allowed difference of a routing weight where the experts agree.
  static func routingWeightTolerance(_ dtype: FloatType) -> Float {
    switch dtype {
    case .float32: 1e-3
    case .float16: 1e-2
    case .bfloat16: 4e-2
    }
  }

  /// Parses `bf16`, `fp16`, `fp32` (or the full names).
  public static func dtype(named name: String) throws(ModelParityError) -> FloatType {
    switch name {
    case "bf16", "bfloat16": .bfloat16
    case "fp16", "float16": .float16
    case "fp32", "float32": .float32
    default: throw .unknownDType(name)
    }
  }

  /// Runs `models` (all catalogue models when `nil`) for each dtype.
  /// - Throws: ``ModelParityError`` for an unknown architecture, `ParityError` for a bad
  ///   revision or manifest.
  public func run(revision: String, models: [String]? = nil, dtypes: [FloatType] = FloatType.allCases) throws
    -> ModelParityReport
  {
    let mappings = try OpMappings(adaptersDirectory: adaptersDirectory, revision: revision)
    let entries = try (models ?? catalog.models.map(\.architecture)).map { (name) throws(ModelParityError) in
      guard let entry = catalog[name] else {
        throw .unknownArchitecture(name, known: catalog.models.map(\.architecture))
      }
      return entry
    }
    var results: [ModelParityResult] = []
    for entry in entries {
      for dtype in dtypes {
        let model = ScaledModel(entry, int8: int8Architectures.contains(entry.architecture), revision: revision)
        results.append(run(model, dtype: dtype, mappings: mappings))
      }
    }
    return ModelParityReport(
      revision: revision, seed: seed, promptLengths: batch.promptLengths, decodeSteps: batch.decodeSteps, results: results)
  }

  private func run(_ model: ScaledModel, dtype: FloatType, mappings: OpMappings) -> ModelParityResult {
    let tolerance = Self.tolerance(dtype)
    var hidden = Comparison(tolerance: tolerance), logits = Comparison(tolerance: tolerance)
    var vision = Comparison(tolerance: tolerance)
    var agreement = 0, total = 0
    var failure: String?
    let ledger = RoutingLedger()
    let flops = FlopCounter()
    var runtimeSeconds = 0.0
    do {
      let weights = WeightSource(seed: WeightSource.hash(model.architecture, seed), dtype: dtype)
      let reference = try DecoderRecipe(
        model: model, backend: ReferenceBackend(dtype: dtype), weights: weights, batch: batch, defect: nil, ledger: ledger,
        isReference: true)
      let runtime = try DecoderRecipe(
        model: model, backend: RuntimeBackend(dtype: dtype, mappings: mappings, flops: flops), weights: weights, batch: batch,
        defect: defect, ledger: ledger, isReference: false)
      var generator = SeededGenerator(seed: WeightSource.hash("prompts", seed))
      var ids = batch.promptLengths.map { length in (0..<length).map { _ in Int(generator.next() % UInt64(model.vocab)) } }
      var start = [Int](repeating: 0, count: ids.count)
      if let expected = try reference.visionBlock(), let actual = try runtime.visionBlock() {
        vision.add(expected, actual)
      }
      for step in 0...batch.decodeSteps {
        let expected = try reference.step(ids: ids, start: start, isPrefill: step == 0)
        let started = ContinuousClock.now
        let actual = try runtime.step(ids: ids, start: start, isPrefill: step == 0)
        let elapsed = ContinuousClock.now - started
        runtimeSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        hidden.add(expected[0], actual[0])
        for i in 1..<expected.count { logits.add(expected[i], actual[i]) }
        // Greedy tokens from each sequence's last row; the reference's token feeds both sides.
        var last = 0
        var next: [[Int]] = []
        for (s, tokens) in ids.enumerated() {
          last += tokens.count
          let want = Self.argmax(expected[1], row: last - 1), got = Self.argmax(actual[1], row: last - 1)
          agreement += want == got ? 1 : 0
          total += 1
          next.append([want])
          start[s] += tokens.count
        }
        ids = next
      }
    } catch {
      failure = "\(error)"
    }
    let routing = RoutingFigures(
      compared: ledger.compared, flips: ledger.flips, maxWeightError: Double(ledger.maxWeightError),
      withinTolerance: ledger.flips <= Self.allowedFlips(dtype, compared: ledger.compared)
        && ledger.maxWeightError <= Self.routingWeightTolerance(dtype))
    return ModelParityResult(
      architecture: model.architecture, dtype: dtype.rawValue,
      passed: failure == nil && hidden.figures.withinTolerance && logits.figures.withinTolerance
        && routing.withinTolerance && vision.figures.withinTolerance && (dtype != .float32 || agreement == total),
      hidden: hidden.figures, logits: logits.figures, vision: model.vision == nil ? nil : vision.figures, routing: model.routing == nil ? nil : routing,
      greedyAgreement: agreement, greedyTotal: total, features: model.features,
      runtime: RuntimeFigures(seconds: runtimeSeconds, matmulFlops: flops.total), error: failure)
  }

  static func argmax(_ t: RefTensor, row: Int) -> Int {
    let width = t.lastDim
    let values = t.values[row * width..<(row + 1) * width]
    return (values.indices.max { values[$0] < values[$1] } ?? row * width) - row * width
  }
}

/// Largest errors over all compared tensors.
private struct Comparison {
  let tolerance: (atol: Float, rtol: Float)
  var figures = ErrorFigures(maxAbs: 0, maxRel: 0, withinTolerance: true)

  mutating func add(_ expected: RefTensor, _ actual: RefTensor) {
    guard expected.shape == actual.shape else {
      figures.withinTolerance = false
      figures.maxAbs = .infinity
      return
    }
    // atol applies in units of the tensor's RMS (at least 1): logits of magnitude 30 carry the
    // rounding of their magnitude into every element, however small.
    let rms = (expected.values.reduce(Float(0)) { $0 + $1 * $1 } / Float(max(1, expected.count))).squareRoot()
    let atol = tolerance.atol * max(1, rms)
    for (want, got) in zip(expected.values, actual.values) {
      let difference = abs(got - want)
      figures.maxAbs = max(figures.maxAbs, difference.isNaN ? .infinity : Double(difference))
      if abs(want) >= 1e-3 { figures.maxRel = max(figures.maxRel, difference.isNaN ? .infinity : Double(difference / abs(want))) }
      if !(difference <= atol + tolerance.rtol * abs(want)) { figures.withinTolerance = false }
    }
  }
}
