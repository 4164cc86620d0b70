import Foundation
import Testing
import _TestSupport

@testable import Upstream

struct UpstreamConfigurationTests {
  @Test func readsTheCommittedReleasesFile() throws {
    let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let configuration = try UpstreamConfiguration.load(from: repoRoot.appendingPathComponent("upstream/releases.yaml"))
    #expect(configuration.packageRoot == "vllm/")
    #expect(configuration.releases.first == "v0.6.6.post1")
    #expect(configuration.releases.last == "v0.33.0")
    #expect(configuration.releases.count >= 12)
  }

  @Test func missingKeysTakeDefaults() throws {
    let configuration = try UpstreamConfiguration.parse("releases: [v0.1.0, v0.1.0.post1, v0.2.0rc1, v0.2.0]\n", file: "r.yaml")
    #expect(configuration == UpstreamConfiguration(packageRoot: "vllm/", tagPattern: "v*", releases: ["v0.1.0", "v0.1.0.post1", "v0.2.0rc1", "v0.2.0"]))
    let custom = try UpstreamConfiguration.parse("package-root: src/pkg\ntag-pattern: 'release-*'\nreleases: []\n", file: "r.yaml")
    #expect(custom.packageRoot == "src/pkg/" && custom.tagPattern == "release-*" && custom.releases.isEmpty)
  }

  struct BadCase: Sendable, CustomTestStringConvertible {
    var yaml: String
    var location: String
    var mentions: String
    var testDescription: String { mentions }
  }

  @Test(arguments: [
    BadCase(yaml: "releases:\n  - v0.1.0\n  - [unclosed\n", location: "releases.yaml:4:", mentions: "invalid YAML"),
    BadCase(yaml: "schema: 1\nreleases:\n  - v0.1.0\n  - latest\n", location: "releases.yaml:4:5", mentions: "'latest' is not a release tag"),
    BadCase(yaml: "releases:\n  - v0.2.0\n  - v0.1.0\n", location: "releases.yaml:3:5", mentions: "oldest first"),
    BadCase(yaml: "releases:\n  - v0.1.0\n  - v0.1.0\n", location: "releases.yaml:3:5", mentions: "without repeats"),
    BadCase(yaml: "releases: []\npackage_root: vllm/\n", location: "releases.yaml:2:1", mentions: "unknown key 'package_root'"),
    BadCase(yaml: "schema: 2\nreleases: []\n", location: "releases.yaml:1:9", mentions: "schema 2 is not supported"),
    BadCase(yaml: "package-root: vllm/\n", location: "releases.yaml:1:1", mentions: "missing 'releases'"),
    BadCase(yaml: "releases: v0.1.0\n", location: "releases.yaml:1:11", mentions: "must be a list"),
    BadCase(yaml: "package-root: ../vllm\nreleases: []\n", location: "releases.yaml:1:15", mentions: "relative directory"),
  ])
  func malformedFileIsAnErrorWithFileAndLine(_ c: BadCase) throws {
    let directory = try temporaryDirectory()
    let file = directory.appendingPathComponent("releases.yaml")
    try Data(c.yaml.utf8).write(to: file)
    let error = try #require(throws: UpstreamError.self) { try UpstreamCatalog(directory: directory) }
    #expect(error.description.hasPrefix(directory.path + "/" + c.location), "\(error)")
    #expect(error.description.contains(c.mentions), "\(error)")
    #expect(!error.description.contains("\n"))
  }
}
