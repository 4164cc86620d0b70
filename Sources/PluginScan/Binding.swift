import PySyntax

/// What a name refers to in plugin code.
indirect enum Binding: Equatable {
  /// A module, class, function or value with a known dotted path (upstream, plugin or other),
  /// bound under the version constraints `lane`.
  case path(String, lane: [VersionConstraint] = [])
  /// A local value whose origin is unknown: a parameter, a loop variable, a computed value.
  case opaque
  /// Different bindings made by the branches of an `if` (never nested, at least two).
  case alternatives([Binding])
  /// The result of a version test: `is_091 = vllm_version_is("0.9.1")`, then `if is_091:`.
  case versionTest([VersionConstraint])
  /// The upstream version: `v = version("vllm")`, then `if v >= "0.10":`.
  case versionSubject

  /// The binding of `name.rest...`.
  func member(_ rest: ArraySlice<String>) -> Binding {
    guard !rest.isEmpty else { return self }
    switch self {
    case .path(let path, let lane): return .path(path + "." + rest.joined(separator: "."), lane: lane)
    case .opaque, .versionTest, .versionSubject: return .opaque
    case .alternatives(let choices): return .alternatives(choices.map { $0.member(rest) })
    }
  }

  /// One binding standing for any of `bindings` (flattened, without repeats). One path bound
  /// in several lanes keeps only the constraints all of them share.
  static func either(_ bindings: [Binding]) -> Binding {
    var choices: [Binding] = []
    for choice in bindings.flatMap(\.flattened) where !choices.contains(choice) {
      if case .path(let path, let lane) = choice,
         let index = choices.firstIndex(where: { if case .path(path, _) = $0 { true } else { false } }),
         case .path(_, let earlier) = choices[index] {
        choices[index] = .path(path, lane: earlier.filter(lane.contains))
      } else {
        choices.append(choice)
      }
    }
    return choices.count == 1 ? choices[0] : .alternatives(choices)
  }

  /// The choices of alternatives, or the binding itself.
  var flattened: [Binding] {
    if case .alternatives(let choices) = self { return choices }
    return [self]
  }

  /// Every known path, with the lane it was bound under.
  var resolved: [Resolved] {
    switch self {
    case .path(let path, let lane): [Resolved(path: path, lane: lane)]
    case .opaque, .versionTest, .versionSubject: []
    case .alternatives(let choices): choices.flatMap(\.resolved)
    }
  }
}

/// A dotted path a name may refer to, and the version constraints under which it was bound.
struct Resolved: Equatable {
  var path: String
  var lane: [VersionConstraint]
}

/// The names bound in one module, class or function body.
struct Scope {
  var names: [String: Binding] = [:]
  var isClass: Bool
  /// The dotted path of definitions made here: `vllm_mindspore.x` or `vllm_mindspore.x.C`.
  var path: String
  /// Classes: the first base when it is upstream (each path it may be), the target of
  /// `super()` in its methods.
  var upstreamBase: [Resolved] = []
  /// Classes: the names of the methods defined directly in the body, in order.
  var methods: [String] = []
  /// Functions: names declared `global`.
  var globals: Set<String> = []
}

/// A function body, scanned once its module has been read: Python runs it later, against the
/// module's final names.
struct DeferredBody {
  /// The token after the header's `:`.
  var start: Int
  /// The enclosing class and function scopes, the function's own scope last.
  var scopes: [Scope]
  var gates: [VersionConstraint]
  var isTypeCheckingOnly: Bool
  var superTarget: [Resolved]
}
