/// An argument to an op called by name through ``MS/call(_:args:)``: the values a YAML
/// mapping can spell.
public enum Value: Sendable {
  case tensor(Tensor)
  case tensors([Tensor])
  case int(Int)
  case float(Double)
  case bool(Bool)
  case string(String)
  case ints([Int])
  case none
}
