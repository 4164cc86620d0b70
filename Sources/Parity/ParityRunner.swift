import AdapterManifests
import MSRuntime
import OpReference

/// Runs the op mappings of a revision against the reference semantics of the upstream ops.
public struct ParityRunner: Sendable {
  /// The directory holding `<revision>/ops.yaml`.
  public let adaptersDirectory: String
  /// The seed every case's inputs derive from.
  public let seed: UInt64

  /// The upstream ops a run covers, by vLLM name, in run order.
  public static var upstreamOps: [String] { UpstreamOps.all.map(\.name) }

  /// Creates a runner.
  /// - Parameters:
  ///   - adaptersDirectory: The `adapters/` directory.
  ///   - seed: The seed for the inputs; runs with the same seed see the same inputs.
  public init(adaptersDirectory: String, seed: UInt64 = 0x5EED_0F_0D5) {
    self.adaptersDirectory = adaptersDirectory
    self.seed = seed
  }

  /// Runs every mapping (or those of `ops`) for each dtype over all shape cases.
  /// - Parameters:
  ///   - revision: The vLLM revision, `v0.11.0`.
  ///   - ops: vLLM op names to run; all known ops when `nil`.
  ///   - dtypes: The float dtypes to run.
  /// - Returns: One result per op × dtype. An op without a mapping fails.
  /// - Throws: ``ParityError`` for a bad revision, an unknown op or an invalid manifest.
  public func run(revision: String, ops: [String]? = nil, dtypes: [FloatType] = FloatType.allCases) throws(ParityError) -> ParityReport {
    guard let upstreamRevision = UpstreamRevision(revision) else { throw .invalidRevision(revision) }
    let contracts = OpContracts(revision: upstreamRevision)
    let selected: [UpstreamOp]
    if let ops {
      selected = try ops.map { (name) throws(ParityError) in
        guard let op = UpstreamOps.byName[name] else { throw .unknownOp(name, known: ParityRunner.upstreamOps) }
        return op
      }
    } else {
      selected = UpstreamOps.all
    }
    let manifest: OpsManifestV1
    do {
      manifest = try OpsManifestLoader(directory: adaptersDirectory, vocabulary: UpstreamOps.vocabulary(contracts))
        .load(revision: revision)
    } catch {
      throw .manifest(error)
    }
    var results: [OpParity] = []
    for op in selected {
      for dtype in dtypes {
        results.append(run(op, dtype: dtype, mapping: manifest.mappings[op.name], contracts: contracts, revision: revision))
      }
    }
    return ParityReport(revision: revision, seed: seed, results: results)
  }

  private func run(_ op: UpstreamOp, dtype: FloatType, mapping: OpMapping?, contracts: OpContracts, revision: String) -> OpParity {
    let cases = op.cases(contracts)
    var result = OpParity(
      op: op.name, dtype: dtype.rawValue, cases: cases.count, maxAbsError: 0, maxRelError: 0,
      tolerance: Tolerance(atol: 0, rtol: 0), maxIntegerError: 0, integerTolerance: 0, passed: false,
      worst: nil, error: nil, mapping: nil)
    guard let mapping else {
      result.error = "no mapping in \(revision)/ops.yaml"
      return result
    }
    result.mapping = mapping.location.description
    guard let tolerance = mapping.tolerances[dtype.rawValue] else {
      result.error = "no tolerance for \(dtype.rawValue)"
      return result
    }
    result.tolerance = tolerance
    result.integerTolerance = mapping.integerTolerance
    var comparison = Comparison(tolerance: tolerance, integerTolerance: mapping.integerTolerance)
    for (index, label) in cases.enumerated() {
      var random = InputRandom(seed: caseSeed(op: op.name, dtype: dtype, index: index))
      do {
        let call = try op.prepare(index, dtype, contracts, &random)
        let outputs = try MappingExecutor(mapping: mapping).run(call.arguments)
        for expected in call.expected {
          guard let actual = outputs[expected.name] else {
            throw ExecutionError(location: mapping.location, message: "the mapping produces no '\(expected.name)'")
          }
          guard actual.shape == expected.shape else {
            throw ExecutionError(
              location: mapping.location,
              message: "'\(expected.name)' has shape \(actual.shape), expected \(expected.shape)")
          }
          comparison.add(expected, actual: actual.toFloatArray(), shapeCase: label)
        }
      } catch {
        result.error = "case '\(label)': \(error)"
        break
      }
    }
    result.maxAbsError = comparison.maxAbs
    result.maxRelError = comparison.maxRel
    result.maxIntegerError = comparison.maxInteger
    result.passed = result.error == nil && !comparison.failed
    if !result.passed { result.worst = comparison.worst?.element }
    return result
  }

  /// A seed per op, dtype and case, independent of which other ops run.
  private func caseSeed(op: String, dtype: FloatType, index: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for byte in "\(op)|\(dtype.rawValue)|\(index)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
  }
}

/// Accumulates errors over the outputs of all cases of one op × dtype.
private struct Comparison {
  let tolerance: Tolerance
  let integerTolerance: Double
  var maxAbs = 0.0
  var maxRel = 0.0
  var maxInteger = 0.0
  var failed = false
  /// The element with the largest error relative to what the tolerance allows.
  var worst: (excess: Double, element: WorstElement)?

  mutating func add(_ expected: ExpectedOutput, actual: [Float], shapeCase: String) {
    for (i, (want, got)) in zip(expected.values, actual).enumerated() {
      let difference = Double(abs(got - want))
      let allowed: Double
      let passes: Bool
      if expected.isInteger {
        maxInteger = max(maxInteger, difference.isNaN ? .infinity : difference)
        allowed = integerTolerance
        passes = difference <= integerTolerance
      } else {
        maxAbs = max(maxAbs, difference.isNaN ? .infinity : difference)
        if abs(want) >= 1e-6 { maxRel = max(maxRel, difference.isNaN ? .infinity : difference / Double(abs(want))) }
        allowed = tolerance.atol + tolerance.rtol * Double(abs(want))
        passes = tolerance.accepts(got, want)
      }
      guard !passes else { continue }
      failed = true
      let excess = difference.isNaN ? .infinity : difference / max(allowed, .leastNormalMagnitude)
      if worst == nil || excess > (worst?.excess ?? 0) {
        worst = (excess, WorstElement(
          shapeCase: shapeCase, output: expected.name, index: Self.index(i, shape: expected.shape),
          expected: Double(want), actual: Double(got)))
      }
    }
  }

  static func index(_ flat: Int, shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
      index[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    return index
  }
}
