/// An argument to an op called by name through ``MS/call(_:args:)``: the values a YAML
/// mapping can spell.
public enum Value: Sendable {
  /// A tensor; a plain number is also accepted where an op expects a tensor.
  case tensor(Tensor)
  /// A list of tensors (`concat`'s `tensors`, `grouped_matmul`'s `x`/`weight`/`bias`).
  case tensors([Tensor])
  /// An integer; also accepted where a list of integers or a number is expected.
  case int(Int)
  /// A floating-point number.
  case float(Double)
  /// A boolean.
  case bool(Bool)
  /// A string, such as `approximate: "tanh"` or a dtype name (`"float16"`, `"mstype.bfloat16"`).
  case string(String)
  /// A list of integers (shapes, permutations, cumulative lengths).
  case ints([Int])
  /// Python's `None`: the same as leaving an optional argument out.
  case none
}
