import Foundation
import MSRuntime
import OpReference

extension UpstreamOps {
  private struct RotaryCase {
    let tokens, heads, kvHeads, headSize, rotaryDim: Int
    let isNeox, hasKey: Bool
    var label: String {
      "\(isNeox ? "neox" : "gptj") tokens=\(tokens) heads=\(heads)/\(kvHeads) head_size=\(headSize) rot=\(rotaryDim)"
        + (hasKey ? "" : " key=None")
    }
  }

  private static let rotaryCases = [
    RotaryCase(tokens: 5, heads: 4, kvHeads: 4, headSize: 64, rotaryDim: 64, isNeox: true, hasKey: true),
    RotaryCase(tokens: 3, heads: 8, kvHeads: 2, headSize: 32, rotaryDim: 32, isNeox: false, hasKey: true),
    RotaryCase(tokens: 9, heads: 2, kvHeads: 1, headSize: 128, rotaryDim: 64, isNeox: true, hasKey: true),
    RotaryCase(tokens: 7, heads: 6, kvHeads: 2, headSize: 80, rotaryDim: 32, isNeox: false, hasKey: true),
    RotaryCase(tokens: 4, heads: 4, kvHeads: 4, headSize: 64, rotaryDim: 64, isNeox: true, hasKey: false),
  ]
  private static let maxPosition = 64

  /// vLLM's `RotaryEmbedding._compute_cos_sin_cache` with base 10000, rounded to `dtype`.
  private static func cosSinCache(rotaryDim: Int, dtype: FloatType) -> RefTensor {
    let half = rotaryDim / 2
    var values: [Float] = []
    for position in 0..<maxPosition {
      let angles = (0..<half).map { Float(position) / powf(10000, Float(2 * $0) / Float(rotaryDim)) }
      values += angles.map { dtype.round(cosf($0)) } + angles.map { dtype.round(sinf($0)) }
    }
    return RefTensor(shape: [maxPosition, rotaryDim], values: values)
  }

  static let rotaryEmbedding = UpstreamOp(
    name: "vllm._custom_ops.rotary_embedding",
    arguments: ["positions", "query", "key", "head_size", "cos_sin_cache", "is_neox"],
    cases: { _ in rotaryCases.map(\.label) },
    prepare: { index, dtype, _, random in
      let c = rotaryCases[index]
      let positions = (0..<c.tokens).map { _ in random.int(in: 0..<maxPosition) }
      var query = random.normal([c.tokens, c.heads * c.headSize], dtype: dtype)
      var key: RefTensor? = c.hasKey ? random.normal([c.tokens, c.kvHeads * c.headSize], dtype: dtype) : nil
      let cache = cosSinCache(rotaryDim: c.rotaryDim, dtype: dtype)
      let arguments: [String: Value] = [
        "positions": try intValue(positions, shape: [c.tokens]), "query": try query.value(dtype.runtime),
        "key": try key?.value(dtype.runtime) ?? .none, "head_size": .int(c.headSize),
        "cos_sin_cache": try cache.value(dtype.runtime), "is_neox": .bool(c.isNeox),
      ]
      Reference.rotaryEmbedding(
        positions: positions, query: &query, key: &key, headSize: c.headSize, cosSinCache: cache, isNeox: c.isNeox,
        dtype: dtype)
      var expected = [ExpectedOutput("query", query)]
      if let key { expected.append(ExpectedOutput("key", key)) }
      return PreparedCall(arguments: arguments, expected: expected)
    })
}
