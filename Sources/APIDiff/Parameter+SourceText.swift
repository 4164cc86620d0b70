import APIModel

extension Parameter {
  /// The parameter as written in a `def`: `*args`, `x: int = 1`, `y=None`.
  public var sourceText: String {
    let stars = kind == .varPositional ? "*" : kind == .varKeyword ? "**" : ""
    var text = stars + name
    if let annotation { text += ": " + annotation }
    if let value = self.default { text += annotation == nil ? "=" + value : " = " + value }
    return text
  }

  /// Whether a caller can pass it by position.
  var isPositional: Bool { kind == .positionalOnly || kind == .positionalOrKeyword }
  /// Whether a caller can pass it by keyword.
  var isKeyword: Bool { kind == .positionalOrKeyword || kind == .keywordOnly }
}
