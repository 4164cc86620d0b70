import Foundation
import Testing
import _TestSupport

/// Two releases of a small package laid out like vLLM.
func fixtureRepository() throws -> URL {
  try makeGitRepo(versions: [
    (
      "v0.1.0",
      [
        "vllm/__init__.py": "from .config import CacheConfig\n",
        "vllm/config.py": """
          class CacheConfig:
              def __init__(self, block_size: int, swap: bool = False):
                  self.block_size = block_size

          def make(x, y):
              return x + y
          """,
        "vllm/old_worker.py": "class Worker:\n    def run(self):\n        pass\n",
        "README.md": "not python\n",
      ]
    ),
    (
      "v0.2.0",
      [
        "vllm/__init__.py": "from .config.cache import CacheConfig\n",
        "vllm/config/__init__.py": "from .cache import CacheConfig\n",
        "vllm/config/cache.py": """
          class CacheConfig:
              def __init__(self, block_size: int, *, swap: bool = False, prefix: bool = True):
                  self.block_size = block_size
          """,
        "vllm/worker/worker.py": "class Worker:\n    def run(self):\n        pass\n",
        "vllm/broken.py": "def ok():\n    pass\n\ndef broken(:\n    pass\n",
      ]
    ),
  ])
}

@Suite struct CommandLineTests {
  @Test func releasesListsTagsInPEP440Order() throws {
    let repo = try makeGitRepo(versions: [
      ("v0.10.0", ["vllm/a.py": "x = 1\n"]), ("v0.9.1rc1", ["vllm/a.py": "x = 2\n"]),
      ("v0.9.1", ["vllm/a.py": "x = 3\n"]), ("v0.9.1.post1", ["vllm/a.py": "x = 4\n"]),
    ])
    let run = try Run(["releases", "--repo", repo.path])
    #expect(run.status == 0)
    #expect(run.stdout == "v0.9.1rc1\nv0.9.1\nv0.9.1.post1\nv0.10.0\n")
  }

  @Test func diffReportsSignatureAndMoveAsJSON() throws {
    let repo = try fixtureRepository()
    let run = try Run(["diff", "v0.1.0", "v0.2.0", "--repo", repo.path, "--no-cache", "--format", "json"])
    #expect(run.status == 0)
    let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    let changes = try #require(json["changes"] as? [[String: Any]])
    let byPath = Dictionary(grouping: changes) { $0["path"] as? String ?? "" }
    let initChange = try #require(byPath["vllm.config.CacheConfig.__init__"]?.first { $0["change"] as? String == "moved" || $0["change"] as? String == "signature" })
    #expect(initChange["breaking"] as? Bool == true || initChange["change"] as? String == "moved")
    let worker = try #require(byPath["vllm.old_worker.Worker"]?.first)
    #expect(worker["change"] as? String == "moved")
    #expect(worker["new_path"] as? String == "vllm.worker.worker.Worker")
    #expect(byPath["vllm.config.make"]?.first?["change"] as? String == "removed")
  }

  @Test func brokenFileIsReportedAndTheRestIsStillProduced() throws {
    let repo = try fixtureRepository()
    let output = try temporaryDirectory().appendingPathComponent("s.json")
    let run = try Run(["snapshot", "v0.2.0", "--repo", repo.path, "--no-cache", "-o", output.path])
    #expect(run.status == 0)
    #expect(run.stderr.contains("vllm/broken.py:4:"))
    let text = try String(contentsOf: output, encoding: .utf8)
    #expect(text.contains("\"vllm.broken.ok\""))
    #expect(text.contains("\"vllm.config.cache.CacheConfig\""))
  }

  @Test func failOnBreakingExitsOne() throws {
    let repo = try fixtureRepository()
    let run = try Run(["diff", "v0.1.0", "v0.2.0", "--repo", repo.path, "--no-cache", "--breaking", "--fail-on-breaking"])
    #expect(run.status == 1)
    #expect(run.stdout.contains("# vLLM v0.1.0 → v0.2.0"))
  }

  @Test(arguments: [
    (["releases", "--repo", "/nonexistent/repo.git"], "/nonexistent/repo.git"),
    (["snapshot", "v9.9.9", "--repo", "<repo>"], "v9.9.9"),
    (["diff", "v0.1.0", "v0.2.0", "--repo", "<repo>", "-o", "/nonexistent/dir/out.md"], "/nonexistent/dir/out.md"),
    (["upstream", "import", "/nonexistent/vllm-0.1.0.tar.gz", "--tag", "v0.1.0", "--repo", "<tmp>/m.git"], "vllm-0.1.0.tar.gz"),
  ])
  func badInputIsOneLineErrorWithStatusTwo(arguments: [String], named: String) throws {
    let repo = try fixtureRepository()
    let temporary = try temporaryDirectory()
    let resolved = arguments.map {
      $0.replacingOccurrences(of: "<repo>", with: repo.path).replacingOccurrences(of: "<tmp>", with: temporary.path)
    }
    let run = try Run(resolved)
    #expect(run.status == 2)
    #expect(run.stdout.isEmpty)
    // Diagnostics of skipped files may come first; the error itself is one line, last.
    let errors = run.stderr.split(separator: "\n").filter { $0.contains("error: ") && !$0.hasPrefix("vllm/") }
    #expect(errors.count == 1)
    #expect(errors.first?.contains(named) == true)
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir/out.md"))
    #expect(!FileManager.default.fileExists(atPath: temporary.appendingPathComponent("m.git").path))
  }

  @Test func recordedCatalogDiffsOfflineLikeTheRepository() throws {
    let repo = try fixtureRepository()
    let catalog = try temporaryDirectory()
    try """
      schema: 1
      package-root: vllm/
      tag-pattern: "v*"
      releases:
        - v0.1.0
        - v0.2.0
      """.write(to: catalog.appendingPathComponent("releases.yaml"), atomically: true, encoding: .utf8)
    let record = try Run(["upstream", "record", "--repo", repo.path, "--no-cache", "--upstream-dir", catalog.path])
    #expect(record.status == 0, "\(record.stderr)")
    let offline = try Run(["diff", "v0.1.0", "v0.2.0", "--upstream-dir", catalog.path, "--format", "json"])
    let online = try Run(["diff", "v0.1.0", "v0.2.0", "--repo", repo.path, "--no-cache", "--format", "json"])
    #expect(offline.status == 0)
    #expect(offline.stdout == online.stdout)
    let releases = try Run(["releases", "--upstream-dir", catalog.path])
    #expect(releases.stdout == "v0.1.0\nv0.2.0\n")
  }

  @Test func committedSnapshotsDiffWithoutARepository() throws {
    let upstream = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("upstream")
    let run = try Run(["diff", "v0.9.1", "v0.11.0", "--upstream-dir", upstream.path, "--only", "vllm.platforms"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("# vLLM v0.9.1 → v0.11.0"))
    #expect(run.stdout.contains("vllm.platforms"))
  }
}
