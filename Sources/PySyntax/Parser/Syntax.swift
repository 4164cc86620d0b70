/// A half-open range of token indices into `ParsedModule.tokens`.
public typealias TokenSpan = Range<Int>

/// A name as written, with the 1-based line of its token.
public struct NameRef: Hashable, Sendable {
  public var name: String
  public var line: Int
}

/// One parameter of a `def`, with its default and annotation as token spans.
public struct ParameterSyntax: Sendable {
  public enum Kind: UInt8, Sendable {
    case positionalOnly, positionalOrKeyword, varPositional, keywordOnly, varKeyword
  }
  public var name: String
  public var kind: Kind
  public var annotation: TokenSpan?
  public var `default`: TokenSpan?
}

/// `def` or `async def`. Its body is only spanned, never parsed: nested code is not surface.
public struct FunctionSyntax: Sendable {
  public var name: NameRef
  public var isAsync: Bool
  /// Decorator expressions, without the `@`.
  public var decorators: [TokenSpan]
  public var parameters: [ParameterSyntax]
  public var returns: TokenSpan?
  /// Tokens after the header's `:` through the end of the body.
  public var body: TokenSpan
}

/// `class Name[T](bases): body`.
public struct ClassSyntax: Sendable {
  public var name: NameRef
  public var decorators: [TokenSpan]
  /// Each positional and keyword argument of the class header, as written.
  public var bases: [TokenSpan]
  public var body: [Statement]
  public var bodySpan: TokenSpan
}

/// `a = b = value`, `x: T = value`, `x: T`, `a, b = value`.
public struct AssignmentSyntax: Sendable {
  /// Names bound, per target, in order; attribute and subscript targets bind nothing.
  public var names: [NameRef]
  public var annotation: TokenSpan?
  public var value: TokenSpan?
}

/// One name of an import statement.
public struct ImportedName: Sendable {
  /// The dotted module (`import a.b`) or the imported name (`from m import x`).
  public var name: String
  public var asName: String?
  public var line: Int
}

/// `from .m import a as b` (or `*`).
public struct ImportFromSyntax: Sendable {
  public var level: Int
  public var module: String?
  /// Empty for `import *`.
  public var names: [ImportedName]
  public var isStar: Bool
  public var line: Int
}

/// The clause keyword of a compound statement.
public enum ClauseKind: UInt8, Sendable {
  case `if`, elif, `else`, `while`, `for`, with, `try`, except, finally, match, `case`
}

/// One clause of a compound statement: its keyword, header tokens and body.
public struct Clause: Sendable {
  public var kind: ClauseKind
  /// Tokens between the keyword and the `:` (the test, target or exception type).
  public var header: TokenSpan
  public var body: [Statement]
}

/// A statement that matters for the API surface; other statements are skimmed.
public enum Statement: Sendable {
  case function(FunctionSyntax)
  case `class`(ClassSyntax)
  case assignment(AssignmentSyntax)
  /// `name op= value` with a plain name target.
  case augmentedAssignment(target: NameRef, value: TokenSpan)
  /// `receiver.method(arguments)` as a whole statement, e.g. `__all__.extend([...])`.
  case methodCall(receiver: NameRef, method: String, arguments: TokenSpan)
  case `import`([ImportedName])
  case importFrom(ImportFromSyntax)
  /// PEP 695 `type Name[T] = value`.
  case typeAlias(name: NameRef, value: TokenSpan)
  /// `if`/`while`/`for`/`with`/`try`/`match` with all its clauses in order.
  case compound([Clause])
}
