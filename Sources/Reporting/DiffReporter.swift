import APIDiff

/// Renders a diff report in one output style.
public protocol DiffReporter: Sendable {
  /// The whole report as one document.
  func render(_ report: DiffReport) -> String
}
