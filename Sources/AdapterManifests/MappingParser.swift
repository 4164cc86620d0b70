import APIModel
import Yams

/// Parses one entry under `ops:` and checks every name it uses.
struct MappingParser {
  let reader: YAMLReader
  let revision: String
  let vocabulary: OpVocabulary?

  func parse(op: String, keyNode: Node, body: Node) throws(ManifestError) -> OpMapping {
    let upstreamArguments: [String]
    if let vocabulary {
      guard let arguments = vocabulary.upstream[op] else { throw .unknownUpstreamOp(op, at: reader.location(keyNode)) }
      upstreamArguments = arguments
    } else {
      upstreamArguments = []
    }
    let entries = try reader.mapping(body, op, allowed: ["steps", "tolerance", "note"])
    guard let stepsNode = entries.first(where: { $0.key == "steps" })?.value else {
      throw .missingKey("steps", in: op, at: reader.location(keyNode))
    }
    guard let toleranceNode = entries.first(where: { $0.key == "tolerance" })?.value else {
      throw .missingKey("tolerance", in: op, at: reader.location(keyNode))
    }
    let note = try entries.first(where: { $0.key == "note" }).map { (entry) throws(ManifestError) in try reader.string(entry.value, "note") }
    var scope = NameScope(op: op, upstream: upstreamArguments, isChecked: vocabulary != nil)
    var steps: [MappingStep] = []
    for node in try reader.sequence(stepsNode, "steps") {
      steps.append(try step(node, scope: &scope))
    }
    let (tolerances, integer) = try tolerance(toleranceNode)
    return OpMapping(
      op: op, definedIn: revision, location: reader.location(keyNode), note: note, steps: steps,
      tolerances: tolerances, integerTolerance: integer)
  }

  private func tolerance(_ node: Node) throws(ManifestError) -> ([String: Tolerance], Double) {
    var tolerances: [String: Tolerance] = [:]
    var integer = 0.0
    let kinds = ["float32", "float16", "bfloat16", "integer"]
    for (kind, _, value) in try reader.mapping(node, "tolerance", allowed: kinds) {
      let fields = try reader.mapping(value, "tolerance.\(kind)", allowed: kind == "integer" ? ["atol"] : ["atol", "rtol"])
      var atol = 0.0
      var rtol = 0.0
      for (field, _, number) in fields {
        if field == "atol" { atol = try reader.number(number, field) } else { rtol = try reader.number(number, field) }
      }
      if kind == "integer" { integer = atol } else { tolerances[kind] = Tolerance(atol: atol, rtol: rtol) }
    }
    for kind in kinds.dropLast() where tolerances[kind] == nil {
      throw .missingKey(kind, in: "tolerance", at: reader.location(node))
    }
    return (tolerances, integer)
  }

  private func step(_ node: Node, scope: inout NameScope) throws(ManifestError) -> MappingStep {
    let allowed = ["call", "args", "outputs", "let", "from", "transforms", "write", "view", "return", "when"]
    let entries = try reader.mapping(node, "a step", allowed: allowed)
    func value(_ key: String) -> Node? { entries.first(where: { $0.key == key })?.value }
    let location = reader.location(node)
    let kinds = entries.filter { ["call", "let", "write", "return"].contains($0.key) }
    guard kinds.count == 1, let kind = kinds.first else {
      throw .invalidValue(key: "step", reason: "needs exactly one of call, let, write, return", at: location)
    }
    let permitted: [String: [String]] = [
      "call": ["call", "args", "outputs", "when"], "let": ["let", "from", "transforms", "when"],
      "write": ["write", "from", "view", "when"], "return": ["return", "when"],
    ]
    for entry in entries where !(permitted[kind.key] ?? []).contains(entry.key) {
      throw .unknownKey(entry.key, in: "a '\(kind.key)' step", at: reader.location(entry.node))
    }
    var conditions: [StepCondition] = []
    if let when = value("when") {
      let items: [Node]
      if case .sequence = when { items = try reader.sequence(when, "when") } else { items = [when] }
      for item in items {
        let text = try reader.string(item, "when")
        guard let condition = StepCondition(parsing: text) else {
          throw .invalidValue(
            key: "when", reason: "expected 'name', 'not name', 'name == text' or 'name != text'", at: reader.location(item))
        }
        try scope.check(condition.name, at: reader.location(item), upstreamOnly: true)
        conditions.append(condition)
      }
    }
    let action: MappingStep.Action
    switch kind.key {
    case "call":
      action = try call(kind.value, args: value("args"), outputs: value("outputs"), at: location, scope: &scope)
    case "let":
      let name = try reader.string(kind.value, "let")
      let source = try required(value("from"), "from", in: "a 'let' step", at: location)
      let sourceName = try reader.string(source, "from")
      try scope.check(sourceName, at: reader.location(source))
      let transforms = try value("transforms").map { node throws(ManifestError) in try self.transforms(node, scope: scope) } ?? []
      scope.define(name)
      action = .bind(name: name, source: sourceName, transforms: transforms)
    case "write":
      let target = try reader.string(kind.value, "write")
      try scope.check(target, at: reader.location(kind.value), upstreamOnly: true)
      let source = try required(value("from"), "from", in: "a 'write' step", at: location)
      let sourceName = try reader.string(source, "from")
      try scope.check(sourceName, at: reader.location(source))
      let view = try value("view").map { node throws(ManifestError) in try self.transforms(node, scope: scope) } ?? []
      action = .write(target: target, source: sourceName, view: view)
    default:
      var names: [String] = []
      for item in try reader.sequence(kind.value, "return") {
        let name = try reader.string(item, "return")
        try scope.check(name, at: reader.location(item))
        names.append(name)
      }
      action = .return(names)
    }
    return MappingStep(action: action, conditions: conditions, location: location)
  }

  private func required(_ node: Node?, _ key: String, in context: String, at location: SourceLocation) throws(ManifestError) -> Node {
    guard let node else { throw .missingKey(key, in: context, at: location) }
    return node
  }

  private func call(
    _ opNode: Node, args: Node?, outputs: Node?, at location: SourceLocation, scope: inout NameScope
  ) throws(ManifestError) -> MappingStep.Action {
    let op = try reader.string(opNode, "call")
    var parameters: [String]?
    if let vocabulary {
      guard let known = vocabulary.mindspore[op] else { throw .unknownMindSporeOp(op, at: reader.location(opNode)) }
      parameters = known
    }
    var arguments: [(name: String, value: ArgumentExpression)] = []
    if let args {
      for (name, keyNode, valueNode) in try reader.mapping(args, "args", allowed: []) {
        if let parameters, !parameters.contains(name) {
          throw .unknownArgument(name, op: op, at: reader.location(keyNode))
        }
        arguments.append((name, try expression(valueNode, name, scope: scope)))
      }
    }
    let outputNodes = try required(outputs, "outputs", in: "a 'call' step", at: location)
    var names: [String?] = []
    for item in try reader.sequence(outputNodes, "outputs") {
      let name = try reader.string(item, "outputs")
      names.append(name == "_" ? nil : name)
      if name != "_" { scope.define(name) }
    }
    return .call(op: op, arguments: arguments, outputs: names)
  }

  private func expression(_ node: Node, _ key: String, scope: NameScope) throws(ManifestError) -> ArgumentExpression {
    let location = reader.location(node)
    switch node {
    case .scalar(let scalar):
      switch node.tag.rawValue {
      case Tag.Name.int.rawValue: return .int(try reader.int(node, key))
      case Tag.Name.float.rawValue: return .float(node.float ?? 0)
      case Tag.Name.bool.rawValue: return .bool(node.bool ?? false)
      case Tag.Name.null.rawValue: return .none
      default:
        let text = scalar.string
        if let dot = text.lastIndex(of: "."), let axis = Int(text[text.index(after: dot)...]) {
          let name = String(text[..<dot])
          try scope.check(name, at: location)
          return .dimension(of: name, axis: axis)
        }
        try scope.check(text, at: location)
        return .name(text)
      }
    case .sequence(let items):
      var values: [ArgumentExpression] = []
      for item in items { values.append(try expression(item, key, scope: scope)) }
      return .list(values)
    case .mapping:
      let entries = try reader.mapping(node, key, allowed: ["literal", "if", "then", "else"])
      if entries.count == 1, let literal = entries.first, literal.key == "literal" {
        return .string(try reader.string(literal.value, "literal"))
      }
      let parts = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
      guard entries.count == 3, let condition = parts["if"], let then = parts["then"], let otherwise = parts["else"] else {
        throw .invalidValue(key: key, reason: "expected {literal: …} or {if: …, then: …, else: …}", at: location)
      }
      let name = try reader.string(condition, "if")
      try scope.check(name, at: reader.location(condition), upstreamOnly: true)
      return .select(
        condition: name, then: try expression(then, key, scope: scope), otherwise: try expression(otherwise, key, scope: scope))
    case .alias:
      throw .invalidValue(key: key, reason: "aliases are not supported", at: location)
    }
  }

  private func transforms(_ node: Node, scope: NameScope) throws(ManifestError) -> [Transform] {
    var result: [Transform] = []
    for item in try reader.sequence(node, "transforms") {
      let entries = try reader.mapping(item, "a transform", allowed: [])
      guard entries.count == 1, let (name, keyNode, value) = entries.first else {
        throw .invalidValue(key: "transform", reason: "expected one `name: arguments` pair", at: reader.location(item))
      }
      result.append(try transform(name, keyNode: keyNode, value: value, scope: scope))
    }
    return result
  }

  private func transform(_ name: String, keyNode: Node, value: Node, scope: NameScope) throws(ManifestError) -> Transform {
    func dims() throws(ManifestError) -> [ArgumentExpression] {
      var items: [ArgumentExpression] = []
      for item in try reader.sequence(value, name) { items.append(try expression(item, name, scope: scope)) }
      return items
    }
    func fields(_ keys: [String]) throws(ManifestError) -> [String: Node] {
      let entries = try reader.mapping(value, name, allowed: keys)
      let found = Dictionary(entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
      for key in keys where found[key] == nil { throw .missingKey(key, in: name, at: reader.location(value)) }
      return found
    }
    switch name {
    case "reshape": return .reshape(try dims())
    case "expand": return .expand(try dims())
    case "permute": return .permute(try reader.ints(value, name))
    case "unsqueeze": return .unsqueeze(try reader.int(value, name))
    case "narrow":
      let f = try fields(["dim", "start", "length"])
      return .narrow(
        dim: try reader.int(f["dim"] ?? value, "dim"), start: try expression(f["start"] ?? value, "start", scope: scope),
        length: try expression(f["length"] ?? value, "length", scope: scope))
    case "chunk":
      let f = try fields(["chunks", "dim", "index"])
      let chunks = try reader.int(f["chunks"] ?? value, "chunks")
      let index = try reader.int(f["index"] ?? value, "index")
      guard chunks > 0, (0..<chunks).contains(index) else {
        throw .invalidValue(key: "chunk", reason: "index must be in 0..<chunks", at: reader.location(value))
      }
      return .chunk(chunks: chunks, dim: try reader.int(f["dim"] ?? value, "dim"), index: index)
    case "index_select":
      let f = try fields(["dim", "index"])
      let indexNode = f["index"] ?? value
      let index = try reader.string(indexNode, "index")
      try scope.check(index, at: reader.location(indexNode))
      return .indexSelect(dim: try reader.int(f["dim"] ?? value, "dim"), index: index)
    case "cast":
      let dtype = try reader.string(value, "cast")
      guard Transform.dtypes.contains(dtype) else {
        throw .invalidValue(key: "cast", reason: "unknown dtype '\(dtype)'", at: reader.location(value))
      }
      return .cast(dtype)
    default:
      throw .unknownTransform(name, at: reader.location(keyNode))
    }
  }
}

/// The names visible to a step: the upstream op's arguments, then what earlier steps define.
struct NameScope {
  let op: String
  let upstream: [String]
  /// False when no vocabulary was given: upstream names cannot be checked.
  let isChecked: Bool
  private(set) var defined: Set<String> = []

  init(op: String, upstream: [String], isChecked: Bool) {
    self.op = op
    self.upstream = upstream
    self.isChecked = isChecked
  }

  mutating func define(_ name: String) { defined.insert(name) }

  func check(_ name: String, at location: SourceLocation, upstreamOnly: Bool = false) throws(ManifestError) {
    if upstream.contains(name) || (!upstreamOnly && defined.contains(name)) { return }
    if !isChecked && !defined.contains(name) { return }
    throw .unknownName(name, op: op, at: location)
  }
}
