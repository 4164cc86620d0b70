import APIModel
import PluginScan

/// Binds a call's arguments to a signature the way Python does, statically.
public enum CallBinding {
  /// Why the arguments do not bind, one sentence each; empty when they bind.
  /// - Parameters:
  ///   - arguments: The call's arguments.
  ///   - params: The callee's parameters (for a constructor, `__init__` without `self`).
  public static func problems(_ arguments: CallArguments, params: [Parameter]) -> [String] {
    var problems: [String] = []
    let positional = params.filter { $0.kind == .positionalOnly || $0.kind == .positionalOrKeyword }
    let hasArgs = params.contains { $0.kind == .varPositional }
    let hasKwargs = params.contains { $0.kind == .varKeyword }
    if arguments.positional > positional.count, !hasArgs {
      problems.append("\(arguments.positional) positional arguments, at most \(positional.count) accepted")
    }
    var bound = Set(positional.prefix(arguments.positional).map(\.name))
    for keyword in arguments.keywords {
      guard let param = params.first(where: { $0.name == keyword && ($0.kind == .positionalOrKeyword || $0.kind == .keywordOnly) })
      else {
        if !hasKwargs { problems.append("unknown keyword '\(keyword)'") }
        continue
      }
      if bound.contains(param.name) { problems.append("'\(keyword)' given by position and keyword") }
      bound.insert(param.name)
    }
    // `*args`/`**kwargs` in the call may fill anything still missing.
    if arguments.hasStarArgs || arguments.hasStarStarKwargs { return problems }
    for param in params where param.isRequired && !bound.contains(param.name) {
      problems.append("missing required argument '\(param.name)'")
    }
    return problems
  }
}
