/// Typed access to the keyword arguments of one ``MS/call(_:args:)``.
struct Arguments {
  let op: String
  let values: [String: Value]

  private func missing(_ name: String) -> MSError { MSError(.missingArgument, op: op, "missing argument '\(name)'") }
  private func wrong(_ name: String, _ expected: String) -> MSError {
    MSError(.invalidArgument, op: op, "argument '\(name)' must be \(expected)")
  }

  /// The value, or `nil` when absent or `none`.
  func present(_ name: String) -> Value? {
    guard let value = values[name] else { return nil }
    if case .none = value { return nil }
    return value
  }

  func tensor(_ name: String) throws(MSError) -> Tensor {
    guard let value = try optionalTensor(name) else { throw missing(name) }
    return value
  }

  func optionalTensor(_ name: String) throws(MSError) -> Tensor? {
    switch present(name) {
    case nil: return nil
    case .tensor(let tensor): return tensor
    case .float(let number): return Tensor(scalar: Float(number))
    case .int(let number): return Tensor(scalar: Float(number))
    default: throw wrong(name, "a tensor")
    }
  }

  func tensors(_ name: String) throws(MSError) -> [Tensor] {
    switch present(name) {
    case nil: throw missing(name)
    case .tensors(let list): return list
    case .tensor(let tensor): return [tensor]
    default: throw wrong(name, "a list of tensors")
    }
  }

  func int(_ name: String, default fallback: Int? = nil) throws(MSError) -> Int {
    switch present(name) {
    case nil:
      guard let fallback else { throw missing(name) }
      return fallback
    case .int(let number): return number
    case .bool(let flag): return flag ? 1 : 0
    case .tensor(let tensor) where tensor.count == 1 && !tensor.dtype.isFloatingPoint: return tensor.loadInt(tensor.offset)
    default: throw wrong(name, "an integer")
    }
  }

  func optionalInt(_ name: String) throws(MSError) -> Int? {
    present(name) == nil ? nil : try int(name)
  }

  func float(_ name: String, default fallback: Float? = nil) throws(MSError) -> Float {
    switch present(name) {
    case nil:
      guard let fallback else { throw missing(name) }
      return fallback
    case .float(let number): return Float(number)
    case .int(let number): return Float(number)
    case .tensor(let tensor) where tensor.count == 1: return tensor.loadFloat(tensor.offset)
    default: throw wrong(name, "a number")
    }
  }

  func optionalFloat(_ name: String) throws(MSError) -> Float? {
    present(name) == nil ? nil : try float(name)
  }

  func bool(_ name: String, default fallback: Bool? = nil) throws(MSError) -> Bool {
    switch present(name) {
    case nil:
      guard let fallback else { throw missing(name) }
      return fallback
    case .bool(let flag): return flag
    case .int(let number) where number == 0 || number == 1: return number == 1
    default: throw wrong(name, "a boolean")
    }
  }

  func string(_ name: String, default fallback: String? = nil) throws(MSError) -> String {
    switch present(name) {
    case nil:
      guard let fallback else { throw missing(name) }
      return fallback
    case .string(let text): return text
    default: throw wrong(name, "a string")
    }
  }

  func ints(_ name: String, default fallback: [Int]? = nil) throws(MSError) -> [Int] {
    switch present(name) {
    case nil:
      guard let fallback else { throw missing(name) }
      return fallback
    case .ints(let list): return list
    case .int(let number): return [number]
    case .tensor(let tensor) where !tensor.dtype.isFloatingPoint && tensor.rank <= 1: return tensor.toIntArray()
    default: throw wrong(name, "a list of integers")
    }
  }

  func dtype(_ name: String, default fallback: DType? = nil) throws(MSError) -> DType {
    guard present(name) != nil else {
      guard let fallback else { throw missing(name) }
      return fallback
    }
    let text = try string(name)
    guard let dtype = DType(name: text) else { throw wrong(name, "a dtype name, not '\(text)'") }
    return dtype
  }
}

extension Arguments {
  /// A second operand that may be a plain number; numbers take the dtype of `like` when it is
  /// floating (as Python scalars do in MindSpore).
  func operand(_ name: String, like other: Tensor) throws(MSError) -> Tensor {
    switch values[name] {
    case .float(let number)?:
      return Tensor(scalar: Float(number), dtype: other.dtype.isFloatingPoint ? other.dtype : .float32)
    case .int(let number)?:
      return Tensor(scalar: Float(number), dtype: other.dtype)
    default: return try tensor(name)
    }
  }

  /// Fails unless an optional argument is absent or `none`.
  func unsupported(_ name: String) throws(MSError) {
    if present(name) != nil { throw MSError(.invalidArgument, op: op, "argument '\(name)' is not supported") }
  }

  /// Fails unless the argument is absent or equals one of `allowed`.
  func require(_ name: String, in allowed: [Int], default fallback: Int) throws(MSError) -> Int {
    let value = try int(name, default: fallback)
    guard allowed.contains(value) else {
      throw MSError(.invalidArgument, op: op, "argument '\(name)' = \(value) is not supported (\(allowed.map(String.init).joined(separator: ", ")))")
    }
    return value
  }
}
