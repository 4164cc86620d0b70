import Foundation
import Testing

@testable import ModelCatalog

/// `docs/models.md` documents every key, rule and feature the loader knows.
@Suite struct DocumentationTests {
  let text: String

  init() throws {
    let url = shippedCatalogURL.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/models.md")
    text = try String(contentsOf: url, encoding: .utf8)
  }

  @Test func everyKeyIsDocumented() {
    let keys =
      CatalogParser.entryKeys + CatalogParser.configKeys + CatalogParser.ropeKeys + CatalogParser.moeKeys
      + CatalogParser.mlaKeys + CatalogParser.visionKeys
    for key in Set(keys) {
      #expect(text.contains("`\(key)`"), "\(key)")
    }
  }

  @Test func everyRuleAndFeatureIsDocumented() {
    for rule in ConsistencyRule.allCases {
      #expect(text.contains("`\(rule.rawValue)`"), "\(rule.rawValue)")
    }
    for feature in ModelFeature.allCases {
      #expect(text.contains("`\(feature.rawValue)`"), "\(feature.rawValue)")
    }
  }
}
