import Testing

@testable import GitReleases

struct ReleaseVersionTests {
  @Test(arguments: [
    ("v0.6.6.post1", "0.6.6.post1"),
    ("v0.11.0rc2", "0.11.0rc2"),
    ("1.0-alpha.3", "1.0a3"),
    ("1.0.preview2", "1.0rc2"),
    ("2!1.0.dev", "2!1.0.dev0"),
    ("1.0-5", "1.0.post5"),
    ("1.0+Ubuntu-1.2", "1.0+ubuntu.1.2"),
    ("V1.2.3C1.post2.dev3", "1.2.3rc1.post2.dev3"),
  ])
  func parsesAndNormalises(_ text: String, _ normal: String) throws {
    let version = try #require(ReleaseVersion(text))
    #expect(version.description == normal)
  }

  @Test(arguments: ["", "v", "latest", "1.0.", "1..0", "1.0foo", "1.0+", "1.0+a..b", "v1.0-rc1-extra", "1.0 "])
  func rejectsNonVersions(_ text: String) {
    #expect(ReleaseVersion(text) == nil)
  }

  @Test func ordersAsPEP440() throws {
    let ascending = [
      "0.9", "1.0.dev1", "1.0a1.dev2", "1.0a1", "1.0a2", "1.0b1", "1.0rc1.dev1", "1.0rc1", "1.0",
      "1.0+local", "1.0+local.word", "1.0+local.2", "1.0.post1.dev0", "1.0.post1", "1.0.1", "1.10", "1!0.1",
    ]
    let versions = try ascending.map { try #require(ReleaseVersion($0)) }
    #expect(versions.shuffled().sorted() == versions)
    for (a, b) in zip(versions, versions.dropFirst()) {
      #expect(a < b, "\(a) < \(b)")
    }
  }

  @Test func preReleasesAndDevReleasesArePrereleases() {
    #expect(ReleaseVersion("v0.11.0rc2")?.isPrerelease == true)
    #expect(ReleaseVersion("1.0.dev3")?.isPrerelease == true)
    #expect(ReleaseVersion("v0.6.6.post1")?.isPrerelease == false)
    #expect(ReleaseVersion("1.0+local")?.isPrerelease == false)
  }

  @Test func trailingZerosAreEqual() throws {
    let a = try #require(ReleaseVersion("1.0"))
    let b = try #require(ReleaseVersion("v1.0.0"))
    #expect(a == b)
    #expect(Set([a, b]).count == 1)
  }

  @Test func vllmTagsSortByRelease() {
    let tags = ["v0.10.0", "v0.9.2", "v0.11.0rc2", "v0.6.6.post1", "v0.11.0", "v0.7.3", "v0.6.6"]
    let sorted = tags.compactMap { t in ReleaseVersion(t).map { ReleaseTag(name: t, version: $0) } }.sorted().map(\.name)
    #expect(sorted == ["v0.6.6", "v0.6.6.post1", "v0.7.3", "v0.9.2", "v0.10.0", "v0.11.0rc2", "v0.11.0"])
  }
}
