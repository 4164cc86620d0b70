import APIModel
import Foundation

/// The models vLLM-MindSpore serves or targets, keyed by vLLM architecture name.
public struct ModelCatalog: Sendable {
  /// The schema identifier the catalogue file must declare.
  public static let schema = "vmsync.models/1"

  /// The file the catalogue was read from.
  public let file: String
  /// Every entry, sorted by architecture name.
  public let models: [ModelEntry]
  private let index: [String: Int]

  init(file: String, models: [ModelEntry]) {
    self.file = file
    self.models = models.sorted { $0.architecture < $1.architecture }
    self.index = Dictionary(
      self.models.enumerated().map { ($1.architecture, $0) }, uniquingKeysWith: { first, _ in first })
  }

  /// The entry for a vLLM architecture name, or `nil` when the catalogue has none.
  public subscript(architecture: String) -> ModelEntry? {
    index[architecture].map { models[$0] }
  }

  /// The entry for a vLLM architecture name.
  /// - Throws: `CatalogError.unknownArchitecture` when the catalogue has none.
  public func model(_ architecture: String) throws(CatalogError) -> ModelEntry {
    guard let model = self[architecture] else {
      throw .unknownArchitecture(architecture, at: SourceLocation(file: file, line: 1))
    }
    return model
  }

  /// Reads and checks a catalogue file.
  /// - Parameter url: a `vmsync.models/1` YAML file.
  /// - Returns: the catalogue; every entry has passed the consistency rules.
  /// - Throws: `CatalogError` naming the file, line and column of the first problem.
  public static func load(from url: URL) throws(CatalogError) -> ModelCatalog {
    let text: String
    do {
      text = try String(contentsOf: url, encoding: .utf8)
    } catch {
      throw .unreadable(error.localizedDescription, path: url.path)
    }
    return try parse(text, file: url.path)
  }

  /// Parses and checks catalogue text.
  /// - Parameters:
  ///   - text: the YAML document.
  ///   - file: the name used in error locations.
  /// - Throws: `CatalogError` naming the first problem.
  public static func parse(_ text: String, file: String) throws(CatalogError) -> ModelCatalog {
    let models = try CatalogParser(reader: CatalogReader(file: file)).parse(text)
    return ModelCatalog(file: file, models: models)
  }
}
