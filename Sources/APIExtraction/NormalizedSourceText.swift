import PySyntax

/// Normalises Python expression text the way extracted source-text fields are normalised
/// (comments dropped, whitespace collapsed, no spaces inside brackets or before commas), so
/// text from another reader compares equal to `extractModule` output.
/// - Parameter text: An expression as written.
/// - Returns: The normalised text.
public func normalizedSourceText(_ text: String) -> String {
  ParsedModule.normalizedExpression(text)
}
