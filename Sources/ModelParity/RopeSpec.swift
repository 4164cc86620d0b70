import Foundation
import ModelCatalog

/// A model's rotary embedding and how vLLM builds its cos/sin cache
/// (`vllm/model_executor/layers/rotary_embedding`), as plain loops in double precision.
struct RopeSpec: Sendable, Hashable {
  enum Kind: Sendable, Hashable {
    case `default`, linear(Double), dynamic(Double, maxPositions: Int)
    case llama3(factor: Double, low: Double, high: Double, original: Int)
    case yarn(factor: Double, original: Int, betaFast: Double, betaSlow: Double, mscale: Double, mscaleAllDim: Double)
    case mrope(sections: [Int], interleaved: Bool)

    var feature: String {
      switch self {
      case .default: "rope-default"
      case .linear: "rope-linear"
      case .dynamic: "rope-dynamic"
      case .llama3: "rope-llama3"
      case .yarn: "rope-yarn"
      case .mrope: "mrope"
      }
    }
  }

  let kind: Kind
  let base: Double
  let rotaryDim: Int
  let isNeox: Bool

  init(_ entry: ModelEntry) {
    let c = entry.config
    base = c.ropeTheta
    rotaryDim = entry.rotaryDim
    isNeox = !c.isRopeInterleaved
    let s = c.ropeScaling
    if let sections = c.mropeSection {
      kind = .mrope(sections: sections, interleaved: c.isMropeInterleaved)
      return
    }
    switch s?.kind ?? .default {
    case .linear: kind = .linear(s?.factor ?? 1)
    case .dynamic: kind = .dynamic(s?.factor ?? 1, maxPositions: c.maxPositionEmbeddings ?? 4096)
    case .llama3:
      kind = .llama3(
        factor: s?.factor ?? 8, low: s?.lowFreqFactor ?? 1, high: s?.highFreqFactor ?? 4,
        original: s?.originalMaxPositionEmbeddings ?? 8192)
    case .yarn:
      kind = .yarn(
        factor: s?.factor ?? 1, original: s?.originalMaxPositionEmbeddings ?? 4096, betaFast: s?.betaFast ?? 32,
        betaSlow: s?.betaSlow ?? 1, mscale: s?.mscale ?? 1, mscaleAllDim: s?.mscaleAllDim ?? 0)
    default: kind = .default
    }
  }

  /// `yarn_get_mscale`.
  private static func yarnMscale(_ scale: Double, _ mscale: Double) -> Double {
    scale <= 1 ? 1 : 0.1 * mscale * log(scale) + 1
  }

  /// The softmax-scale factor DeepSeek's YaRN applies (squared) to attention scores; 1 otherwise.
  var attentionFactor: Float {
    guard case .yarn(let factor, _, _, _, _, let all) = kind, all > 0 else { return 1 }
    return Float(Self.yarnMscale(factor, all))
  }

  /// Inverse frequencies, `rotaryDim / 2` of them.
  private var inverseFrequencies: [Double] {
    let half = rotaryDim / 2
    let dim = Double(rotaryDim)
    func plain(_ theta: Double) -> [Double] { (0..<half).map { 1 / pow(theta, Double(2 * $0) / dim) } }
    switch kind {
    case .default, .mrope, .linear: return plain(base)
    case .dynamic(let factor, _):
      return plain(base * pow(factor * factor - (factor - 1), dim / (dim - 2)))
    case .llama3(let factor, let low, let high, let original):
      let lowWavelen = Double(original) / low, highWavelen = Double(original) / high
      return plain(base).map { f in
        let wavelen = 2 * Double.pi / f
        if wavelen < highWavelen { return f }
        if wavelen > lowWavelen { return f / factor }
        let smooth = (Double(original) / wavelen - low) / (high - low)
        return (1 - smooth) * f / factor + smooth * f
      }
    case .yarn(let factor, let original, let fast, let slow, _, _):
      func correction(_ rotations: Double) -> Double {
        dim * log(Double(original) / (rotations * 2 * Double.pi)) / (2 * log(base))
      }
      let low = max(floor(correction(fast)), 0)
      var high = min(ceil(correction(slow)), dim - 1)
      if low == high { high += 0.001 }
      let extrapolation = plain(base)
      return (0..<half).map { i in
        let ramp = min(max((Double(i) - low) / (high - low), 0), 1)
        let mask = 1 - ramp
        return extrapolation[i] / factor * (1 - mask) + extrapolation[i] * mask
      }
    }
  }

  /// The multiplier of cos and sin (YaRN's attention temperature).
  private var magnitude: Double {
    guard case .yarn(let factor, _, _, _, let mscale, let all) = kind else { return 1 }
    return all > 0 ? Self.yarnMscale(factor, mscale) / Self.yarnMscale(factor, all) : Self.yarnMscale(factor, 1)
  }

  /// Rows `[cos | sin]` of width `rotaryDim`, one per position triple: text positions repeat the
  /// same position three times; for mrope the sections of each row take their angle from the
  /// temporal, height and width positions (contiguous sections, or interleaved for Qwen3-VL).
  func rows(for positions: [[Int]]) -> [Float] {
    let frequencies = inverseFrequencies
    let half = rotaryDim / 2
    let scale: Double
    if case .linear(let factor) = kind { scale = 1 / factor } else { scale = 1 }
    var values: [Float] = []
    values.reserveCapacity(positions.count * rotaryDim)
    for triple in positions {
      let axis = axisOfFrequency(half)
      let angles = (0..<half).map { Double(triple[axis[$0]]) * scale * frequencies[$0] }
      values += angles.map { Float(cos($0) * magnitude) } + angles.map { Float(sin($0) * magnitude) }
    }
    return values
  }

  /// Which of the three positions each frequency reads.
  private func axisOfFrequency(_ half: Int) -> [Int] {
    guard case .mrope(let sections, let interleaved) = kind, sections.count == 3 else {
      return Array(repeating: 0, count: half)
    }
    let total = max(1, sections.reduce(0, +))
    let scaled = sections.map { $0 * half / total }
    if interleaved {
      // Qwen3-VL: frequency i reads t, h, w in turn while each section has room.
      return (0..<half).map { i in
        let axis = i % 3
        return axis > 0 && i < 3 * scaled[axis] ? axis : 0
      }
    }
    var axis: [Int] = []
    for (index, count) in scaled.enumerated() { axis += Array(repeating: index, count: count) }
    return Array((axis + Array(repeating: 2, count: max(0, half - axis.count))).prefix(half))
  }
}
