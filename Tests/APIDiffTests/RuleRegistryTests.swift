import APIDiff
import Foundation
import Testing

@Suite struct RuleRegistryTests {
  static let rulesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/APIDiff/Rules")

  static func snakeCase(_ typeName: String) -> String {
    typeName.reduce(into: "") { out, c in
      if c.isUppercase && !out.isEmpty { out += "_" }
      out += c.lowercased()
    }
  }

  @Test func everyRuleFileIsRegisteredUnderItsOwnName() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.rulesDirectory.path)
      .filter { $0.hasSuffix(".swift") }.map { String($0.dropLast(6)) }.sorted()
    let registered = RuleRegistry.all.map { String(describing: $0) }.sorted()
    #expect(files == registered)
    for rule in RuleRegistry.all {
      #expect(rule.metadata.id == Self.snakeCase(String(describing: rule)))
    }
  }

  @Test func registryIsSortedWithUniqueIdsAndDocumentedRules() {
    let ids = RuleRegistry.metadata.map(\.id)
    #expect(ids == ids.sorted())
    #expect(Set(ids).count == ids.count)
    #expect(RuleRegistry.metadata.allSatisfy { !$0.summary.isEmpty && !$0.rationale.isEmpty })
  }
}

@Suite struct RuleDocumentationTests {
  @Test func everyRuleIsDocumentedInTheReportSchema() throws {
    let doc = try String(contentsOf: RuleRegistryTests.rulesDirectory
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/report-schema.md"), encoding: .utf8)
    let missing = RuleRegistry.metadata.map(\.id).filter { !doc.contains("| `\($0)` |") }
    #expect(missing.isEmpty, "rules missing from docs/report-schema.md: \(missing)")
  }
}
