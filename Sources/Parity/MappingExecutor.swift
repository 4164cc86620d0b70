import APIModel
import AdapterManifests
import MSRuntime

/// A mapping step that could not run: the step's position and why.
struct ExecutionError: Error, CustomStringConvertible {
  let location: SourceLocation
  let message: String

  var description: String { "\(location): \(message)" }
}

/// Runs one mapping's steps on the runtime.
struct MappingExecutor {
  let mapping: OpMapping

  /// Runs the steps on the upstream arguments.
  /// - Returns: Every upstream tensor argument (as updated by writes) and `return[i]` values.
  func run(_ arguments: [String: Value]) throws(ExecutionError) -> [String: Tensor] {
    var environment = arguments
    var returned: [Tensor] = []
    for step in mapping.steps {
      let context = StepContext(environment: environment, location: step.location)
      guard step.conditions.allSatisfy(context.holds) else { continue }
      switch step.action {
      case .call(let op, let argumentList, let outputs):
        var values: [String: Value] = [:]
        for (name, expression) in argumentList { values[name] = try context.evaluate(expression) }
        let results: [Tensor]
        do {
          results = try MS.call(op, args: values)
        } catch {
          throw context.fail("\(op): \(error.message)")
        }
        guard results.count >= outputs.count else {
          throw context.fail("\(op) returned \(results.count) values, the step names \(outputs.count)")
        }
        for (name, result) in zip(outputs, results) {
          if let name { environment[name] = .tensor(result) }
        }
      case .bind(let name, let source, let transforms):
        environment[name] = .tensor(try context.apply(transforms, to: try context.tensor(source)))
      case .write(let target, let source, let view):
        environment[target] = .tensor(try context.write(try context.tensor(source), into: try context.tensor(target), view: view))
      case .return(let names):
        returned = []
        for name in names { returned.append(try context.tensor(name)) }
      }
    }
    var outputs: [String: Tensor] = [:]
    for (name, value) in environment where arguments[name] != nil {
      if case .tensor(let tensor) = value { outputs[name] = tensor }
    }
    for (index, tensor) in returned.enumerated() { outputs["return[\(index)]"] = tensor }
    return outputs
  }
}

/// Evaluation of expressions and transforms within one step.
private struct StepContext {
  let environment: [String: Value]
  let location: SourceLocation

  func fail(_ message: String) -> ExecutionError { ExecutionError(location: location, message: message) }

  func holds(_ condition: StepCondition) -> Bool {
    switch condition.test {
    case .isTrue: return isTrue(condition.name)
    case .isFalse: return !isTrue(condition.name)
    case .equals(let text), .differs(let text):
      guard case .string(let value) = environment[condition.name] else { return false }
      return (value == text) == (condition.test == .equals(text))
    }
  }

  func isTrue(_ name: String) -> Bool {
    switch environment[name] {
    case .bool(let flag): flag
    case .int(let number): number != 0
    case .float(let number): number != 0
    case .string(let text): !text.isEmpty
    case .tensor, .tensors, .ints: true
    case .some(.none), nil: false
    }
  }

  func tensor(_ name: String) throws(ExecutionError) -> Tensor {
    guard case .tensor(let tensor) = environment[name] else { throw fail("'\(name)' is not a tensor") }
    return tensor
  }

  func evaluate(_ expression: ArgumentExpression) throws(ExecutionError) -> Value {
    switch expression {
    case .name(let name):
      guard let value = environment[name] else { throw fail("'\(name)' is not defined") }
      return value
    case .dimension(let name, let axis):
      let shape = try tensor(name).shape
      let resolved = axis < 0 ? axis + shape.count : axis
      guard shape.indices.contains(resolved) else { throw fail("'\(name)' of shape \(shape) has no dimension \(axis)") }
      return .int(shape[resolved])
    case .int(let number): return .int(number)
    case .float(let number): return .float(number)
    case .bool(let flag): return .bool(flag)
    case .string(let text): return .string(text)
    case .none: return .none
    case .select(let condition, let then, let otherwise): return try evaluate(isTrue(condition) ? then : otherwise)
    case .list(let items):
      var ints: [Int] = []
      var tensors: [Tensor] = []
      for item in items {
        switch try evaluate(item) {
        case .int(let number): ints.append(number)
        case .tensor(let tensor): tensors.append(tensor)
        default: throw fail("lists hold integers or tensors")
        }
      }
      guard ints.isEmpty || tensors.isEmpty else { throw fail("a list mixes integers and tensors") }
      return tensors.isEmpty ? .ints(ints) : .tensors(tensors)
    }
  }

  func int(_ expression: ArgumentExpression) throws(ExecutionError) -> Int {
    guard case .int(let number) = try evaluate(expression) else { throw fail("expected an integer") }
    return number
  }

  func apply(_ transforms: [Transform], to input: Tensor) throws(ExecutionError) -> Tensor {
    var tensor = input
    do {
      for transform in transforms { tensor = try apply(transform, to: tensor) }
    } catch let error as MSError {
      throw fail("\(error.op): \(error.message)")
    } catch let error as ExecutionError {
      throw error
    } catch {
      throw fail("\(error)")
    }
    return tensor
  }

  private func apply(_ transform: Transform, to tensor: Tensor) throws -> Tensor {
    switch transform {
    case .reshape(let dims): return try tensor.reshape(try dims.map { (d) throws(ExecutionError) in try int(d) })
    case .expand(let dims): return try tensor.expand(to: try dims.map { (d) throws(ExecutionError) in try int(d) })
    case .permute(let dims): return try tensor.permute(dims)
    case .unsqueeze(let dim): return try tensor.unsqueeze(dim: dim)
    case .narrow(let dim, let start, let length):
      return try tensor.narrow(dim: dim, start: try int(start), length: try int(length))
    case .chunk(let chunks, let dim, let index):
      let axis = dim < 0 ? dim + tensor.rank : dim
      guard tensor.shape.indices.contains(axis), tensor.shape[axis] % chunks == 0 else {
        throw fail("chunk: dimension \(dim) of shape \(tensor.shape) does not split into \(chunks)")
      }
      let size = tensor.shape[axis] / chunks
      return try tensor.narrow(dim: axis, start: index * size, length: size)
    case .indexSelect(let dim, let indexName):
      return try MS.indexSelect(tensor, axis: dim, index: try self.tensor(indexName))
    case .cast(let name):
      guard let dtype = DType(name: name) else { throw fail("unknown dtype '\(name)'") }
      return tensor.cast(to: dtype)
    }
  }

  /// A step undoing one transform of a view.
  private enum InverseStep {
    case reshape([Int])
    case permute([Int])
  }

  /// When `view` is made of reshapes, permutes, unsqueezes and narrows to the whole dimension —
  /// so it reaches every element of a tensor of `shape` exactly once — the steps that map a
  /// value of the view's shape (also returned) back onto `shape`; `nil` for any other view, or
  /// one that does not fit `shape`.
  private func inverse(of view: [Transform], shape: [Int]) throws(ExecutionError) -> (steps: [InverseStep], shape: [Int])? {
    var shape = shape
    var steps: [InverseStep] = []
    let count = shape.reduce(1, *)
    for transform in view {
      let before = shape
      switch transform {
      case .reshape(let dims):
        shape = try dims.map { (d) throws(ExecutionError) in try int(d) }
        let known = shape.filter { $0 != -1 }.reduce(1, *)
        let inferred = shape.indices.filter { shape[$0] == -1 }
        guard inferred.count <= 1, shape.allSatisfy({ $0 >= -1 }), known > 0 else { return nil }
        if let slot = inferred.first { shape[slot] = count / known }
        guard shape.reduce(1, *) == count else { return nil }
        steps.append(.reshape(before))
      case .unsqueeze(let dim):
        let axis = dim < 0 ? dim + shape.count + 1 : dim
        guard axis >= 0, axis <= shape.count else { return nil }
        shape.insert(1, at: axis)
        steps.append(.reshape(before))
      case .permute(let dims):
        let axes = dims.map { $0 < 0 ? $0 + shape.count : $0 }
        guard axes.count == shape.count, Set(axes) == Set(shape.indices) else { return nil }
        shape = axes.map { before[$0] }
        var undo = [Int](repeating: 0, count: axes.count)
        for (position, axis) in axes.enumerated() { undo[axis] = position }
        steps.append(.permute(undo))
      case .narrow(let dim, let start, let length):
        // Only a narrow that keeps the whole dimension reaches every element.
        let axis = dim < 0 ? dim + shape.count : dim
        guard shape.indices.contains(axis), try int(start) == 0, try int(length) == shape[axis] else { return nil }
      case .chunk, .indexSelect, .expand, .cast:
        return nil
      }
    }
    return (steps, shape)
  }

  /// A copy of `target` with `source` written through `view` of it.
  func write(_ source: Tensor, into target: Tensor, view: [Transform]) throws(ExecutionError) -> Tensor {
    // Floating-point targets: through a view that reaches every element once, the result is
    // the view undone on the source, in the target's dtype; through a view that shares the
    // target's storage, the source is stored into a copy. Otherwise each element's position is
    // traced through the view.
    if target.dtype.isFloatingPoint {
      if let inverse = try inverse(of: view, shape: target.shape), inverse.shape == source.shape {
        var written = source
        do throws(MSError) {
          for step in inverse.steps.reversed() {
            switch step {
            case .reshape(let shape): written = try written.reshape(shape)
            case .permute(let dims): written = try written.permute(dims)
            }
          }
        } catch {
          throw fail(error.message)
        }
        return written.cast(to: target.dtype).contiguous()
      }
      if let written = try target.updating(through: { (t) throws(ExecutionError) in try apply(view, to: t) }, with: source) {
        return written
      }
    }
    let positions: Tensor
    do {
      positions = try Tensor(shape: target.shape, dtype: .int64, ints: Array(0..<target.count))
    } catch {
      throw fail("\(error.message)")
    }
    let viewed = try apply(view, to: positions)
    guard viewed.shape == source.shape else {
      throw fail("cannot write a \(source.shape) value into a \(viewed.shape) view of a \(target.shape) argument")
    }
    var values = target.toFloatArray()
    for (position, value) in zip(viewed.toIntArray(), source.toFloatArray()) { values[position] = value }
    do {
      return try makeTensor(shape: target.shape, dtype: target.dtype, values: values)
    } catch {
      throw fail("\(error)")
    }
  }
}

/// A contiguous tensor of `values` in `dtype` (integers from integral floats).
func makeTensor(shape: [Int], dtype: DType, values: [Float]) throws(MSError) -> Tensor {
  if dtype.isFloatingPoint { return try Tensor(shape: shape, dtype: dtype, values: values) }
  var ints: [Int] = []
  ints.reserveCapacity(values.count)
  for value in values {
    guard value.isFinite, abs(value) < 0x1p62 else {
      throw MSError(.invalidArgument, op: "write", "\(value) does not fit a \(dtype) tensor")
    }
    ints.append(Int(value))
  }
  return try Tensor(shape: shape, dtype: dtype, ints: ints)
}
