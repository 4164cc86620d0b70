import APIModel
import PySyntax

/// Walks a parsed module's declarations and collects its symbols, applying the
/// redefinition, overload, `__all__` and import rules.
struct SurfaceBuilder {
  let parsed: ParsedModule
  let file: String
  let module: String
  let isPackage: Bool
  var table: SymbolTable
  var exports: [String]?
  var starImports: [String] = []
  var diagnostics: [Diagnostic]

  init(parsed: ParsedModule, file: String, module: String, isPackage: Bool) {
    self.parsed = parsed
    self.file = file
    self.module = module
    self.isPackage = isPackage
    self.diagnostics = parsed.diagnostics(file: file)
    self.table = SymbolTable()
    table.add(Symbol(path: module, kind: .module, file: file, line: 1, bodyHash: parsed.fileHash))
  }

  func finish() -> ModuleSurface {
    ModuleSurface(module: module, file: file, symbols: table.symbols(), exports: exports,
                  starImports: starImports.isEmpty ? nil : starImports, diagnostics: diagnostics)
  }

  mutating func visit(_ statements: [Statement], scope: String, inClass: Bool, conditions: [SymbolCondition]) {
    let atModuleLevel = !inClass
    let guards = conditions.isEmpty ? nil : conditions
    for statement in statements {
      switch statement {
      case .function(let function):
        let decorators = function.decorators.map(parsed.text)
        let params = function.parameters.map { parameter($0) }
        let isOverload = decorators.contains { $0 == "overload" || $0.hasSuffix(".overload") }
        table.add(Symbol(
          path: Self.member(function.name.name, of: scope), kind: inClass ? .method : .function, file: file,
          line: function.name.line, params: params,
          returns: function.returns.map(parsed.text), decorators: decorators.isEmpty ? nil : decorators,
          bodyHash: parsed.bodyHash(function.body), isAsync: function.isAsync ? true : nil,
          conditions: guards), isOverload: isOverload)
      case .class(let cls):
        let path = Self.member(cls.name.name, of: scope)
        let decorators = cls.decorators.map(parsed.text)
        let members = table.beginClass(Symbol(
          path: path, kind: .class, file: file, line: cls.name.line, bases: cls.bases.map(parsed.text),
          decorators: decorators.isEmpty ? nil : decorators, bodyHash: parsed.bodyHash(cls.bodySpan),
          conditions: guards))
        visit(cls.body, scope: path, inClass: true, conditions: conditions)
        table.endClass(members)
      case .assignment(let assignment):
        let value = assignment.value.map(parsed.text)
        let annotation = assignment.annotation.map(parsed.text)
        for name in assignment.names {
          table.add(Symbol(path: Self.member(name.name, of: scope), kind: .attribute, file: file, line: name.line,
                           value: value, annotation: annotation, conditions: guards))
          if atModuleLevel, name.name == "__all__" {
            exports = assignment.value.flatMap { ExportList.strings(in: $0, of: parsed) }
          }
        }
      case .augmentedAssignment(let target, let value):
        if atModuleLevel, target.name == "__all__" {
          extendExports(ExportList.strings(in: value, of: parsed))
        }
      case .methodCall(let receiver, let method, let arguments):
        guard atModuleLevel, receiver.name == "__all__" else { break }
        if method == "extend" {
          extendExports(ExportList.strings(in: arguments, of: parsed))
        } else if method == "append" {
          extendExports(ExportList.string(in: arguments, of: parsed).map { [$0] })
        }
      case .import(let names):
        for name in names {
          let bound = name.asName ?? String(name.name.prefix { $0 != "." })
          let target = name.asName == nil ? bound : name.name
          table.add(Symbol(path: Self.member(bound, of: scope), kind: .alias, file: file, line: name.line,
                           target: target, conditions: guards))
        }
      case .importFrom(let statement):
        let base = resolve(level: statement.level, module: statement.module, line: statement.line)
        if statement.isStar {
          if atModuleLevel { starImports.append(base) }
        }
        for name in statement.names {
          let target = base.isEmpty ? name.name : base + "." + name.name
          table.add(Symbol(path: Self.member(name.asName ?? name.name, of: scope), kind: .alias, file: file,
                           line: name.line, target: target, conditions: guards))
        }
      case .typeAlias(let name, let value):
        table.add(Symbol(path: Self.member(name.name, of: scope), kind: .attribute, file: file, line: name.line,
                         value: parsed.text(value), conditions: guards))
      case .compound(let clauses):
        let clauseConditions = ConditionClassifier(parsed: parsed).conditions(for: clauses)
        for (clause, extra) in zip(clauses, clauseConditions) {
          var combined = conditions
          for condition in extra where !combined.contains(condition) { combined.append(condition) }
          visit(clause.body, scope: scope, inClass: inClass, conditions: combined)
        }
      }
    }
  }

  /// `scope.name`, built in one allocation (this runs for every symbol of every file).
  static func member(_ name: String, of scope: String) -> String {
    var scope = scope
    var name = name
    return scope.withUTF8 { head in
      name.withUTF8 { tail in
        String(unsafeUninitializedCapacity: head.count + 1 + tail.count) { buffer in
          _ = buffer.initialize(fromContentsOf: head)
          buffer[head.count] = UInt8(ascii: ".")
          _ = buffer[(head.count + 1)...].initialize(fromContentsOf: tail)
          return head.count + 1 + tail.count
        }
      }
    }
  }

  func parameter(_ syntax: ParameterSyntax) -> Parameter {
    let kind: ParameterKind
    switch syntax.kind {
    case .positionalOnly: kind = .positionalOnly
    case .positionalOrKeyword: kind = .positionalOrKeyword
    case .varPositional: kind = .varPositional
    case .keywordOnly: kind = .keywordOnly
    case .varKeyword: kind = .varKeyword
    }
    return Parameter(name: syntax.name, kind: kind, default: syntax.default.map(parsed.text),
                     annotation: syntax.annotation.map(parsed.text))
  }

  /// `__all__ += [...]` and friends: a non-literal extension makes the list unknown.
  mutating func extendExports(_ names: [String]?) {
    guard let names, exports != nil else {
      exports = nil
      return
    }
    exports?.append(contentsOf: names)
  }

  /// The absolute module of `from <level dots><module> import ...`.
  mutating func resolve(level: Int, module imported: String?, line: Int) -> String {
    guard level > 0 else { return imported ?? "" }
    var parts = module.split(separator: ".").map(String.init)
    if !isPackage, !parts.isEmpty { parts.removeLast() }
    if level - 1 > parts.count {
      diagnostics.append(Diagnostic(.warning, "relative import beyond the top-level package",
                                    at: SourceLocation(file: file, line: line)))
      parts.removeAll()
    } else {
      parts.removeLast(level - 1)
    }
    if let imported { parts.append(imported) }
    return parts.joined(separator: ".")
  }
}
