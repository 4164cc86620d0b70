import APIDiff
import APIModel
import Testing

@Suite struct FixtureTests {
  @Test(arguments: Fixtures.all)
  func yieldsExactlyTheExpectedChanges(_ fixture: DiffFixture) {
    #expect(fixture.ruleAndPaths() == fixture.expect.sorted())
  }

  @Test(arguments: Fixtures.all)
  func unchangedReleasesYieldNothing(_ fixture: DiffFixture) {
    #expect(diffSnapshots(fixture.old, fixture.old, options: DiffOptions()).changes.isEmpty)
    #expect(diffSnapshots(fixture.new, fixture.new, options: DiffOptions()).changes.isEmpty)
  }

  @Test func everyRuleHasAFixture() {
    let covered = Set(Fixtures.all.flatMap { $0.expect.map { String($0.split(separator: " ")[0]) } })
    let missing = RuleRegistry.all.map { $0.metadata.id }.filter { !covered.contains($0) }
    #expect(missing.isEmpty, "rules without a fixture: \(missing)")
  }
}
