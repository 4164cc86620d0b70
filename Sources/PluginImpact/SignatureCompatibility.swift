import APIModel

/// Whether a replacement accepts every call its upstream original accepts.
public enum SignatureCompatibility {
  /// The ways calls written against `upstream` fail on `replacement`, one sentence each;
  /// empty when compatible.
  public static func problems(upstream: [Parameter], replacement: [Parameter]) -> [String] {
    func positional(_ params: [Parameter]) -> [Parameter] {
      params.filter { $0.kind == .positionalOnly || $0.kind == .positionalOrKeyword }
    }
    let upstreamPositional = positional(upstream)
    let replacementPositional = positional(replacement)
    let replacementHasArgs = replacement.contains { $0.kind == .varPositional }
    let replacementHasKwargs = replacement.contains { $0.kind == .varKeyword }
    var problems: [String] = []
    for param in upstream where param.kind != .varPositional && param.kind != .varKeyword {
      let index = upstreamPositional.firstIndex(of: param)
      let acceptsPosition = index.map { $0 < replacementPositional.count || replacementHasArgs } ?? true
      if param.kind == .positionalOnly {
        if !acceptsPosition { problems.append("missing parameter '\(param.name)' (position \(index! + 1))") }
        continue
      }
      let acceptsKeyword = replacementHasKwargs
        || replacement.contains { $0.name == param.name && ($0.kind == .positionalOrKeyword || $0.kind == .keywordOnly) }
      if acceptsKeyword { continue }
      if let index, index < replacementPositional.count {
        let other = replacementPositional[index].name
        // A name upstream also has elsewhere means a parameter was inserted, not renamed.
        if upstream.contains(where: { $0.name == other }) {
          problems.append("missing parameter '\(param.name)' (position \(index + 1); later positional arguments shift)")
        } else {
          problems.append("keyword '\(param.name)' is '\(other)' in the replacement")
        }
      } else {
        problems.append("missing \(param.kind == .keywordOnly ? "keyword " : "")parameter '\(param.name)'")
      }
    }
    if upstream.contains(where: { $0.kind == .varPositional }), !replacementHasArgs {
      problems.append("missing '*args': upstream accepts extra positional arguments")
    }
    if upstream.contains(where: { $0.kind == .varKeyword }), !replacementHasKwargs {
      problems.append("missing '**kwargs': upstream accepts extra keyword arguments")
    }
    let upstreamRequired = Set(upstream.filter(\.isRequired).map(\.name))
    for param in replacement where param.isRequired && !upstreamRequired.contains(param.name) {
      // A renamed positional still receives the required argument; it is reported above.
      if let index = replacementPositional.firstIndex(of: param), index < upstreamPositional.count,
         upstreamPositional[index].isRequired { continue }
      problems.append("extra required parameter '\(param.name)'")
    }
    return problems
  }
}
