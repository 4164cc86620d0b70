/// MindSpore-style ops on CPU, as free functions (`MS.rmsNorm(…)`) and by MindSpore name
/// through ``call(_:args:)``.
public enum MS {
  /// Runs the op registered under a MindSpore name (e.g. `rms_norm`) with keyword arguments.
  /// - Parameters:
  ///   - name: The op name as in `mindspore.ops` / `mindspore.mint`.
  ///   - args: Keyword arguments, named as in the MindSpore documentation.
  /// - Returns: The op's outputs, in MindSpore's tuple order.
  /// - Throws: ``MSError`` for an unknown op or argument, a missing or ill-typed argument, or
  ///   bad shapes.
  public static func call(_ name: String, args: [String: Value]) throws(MSError) -> [Tensor] {
    guard let spec = OpRegistry.all[name] else { throw MSError(.unknownOp, op: name, "unknown op '\(name)'") }
    for key in args.keys.sorted() where !spec.parameters.contains(key) {
      throw MSError(.unknownArgument, op: name, "unknown argument '\(key)' (takes \(spec.parameters.joined(separator: ", ")))")
    }
    return try spec.run(Arguments(op: name, values: args))
  }

  /// The names `call(_:args:)` accepts, sorted.
  public static var opNames: [String] { OpRegistry.all.keys.sorted() }

  /// The keyword arguments an op takes, in documentation order, or `nil` for an unknown op.
  /// - Parameter op: The op name.
  public static func parameters(of op: String) -> [String]? { OpRegistry.all[op]?.parameters }
}

/// One op reachable by name: its keyword arguments and how to run it.
struct OpSpec: Sendable {
  let parameters: [String]
  let run: @Sendable (Arguments) throws(MSError) -> [Tensor]

  init(_ parameters: [String], _ run: @escaping @Sendable (Arguments) throws(MSError) -> [Tensor]) {
    self.parameters = parameters
    self.run = run
  }
}

enum OpRegistry {
  static let all: [String: OpSpec] = [views, math, layers, indexing, attention, experts].reduce(into: [:]) {
    $0.merge($1) { first, _ in first }
  }
}
