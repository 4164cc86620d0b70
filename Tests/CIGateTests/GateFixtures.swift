import CIGate
import Foundation
import Frontend
import _TestSupport

/// Two releases of a small upstream and a plugin that depends on what the second one breaks.
struct GateFixture {
  let upstream: URL
  let plugin: URL
  let directory: URL

  init() throws {
    upstream = try makeGitRepo(versions: [
      (
        "v0.1.0",
        [
          "vllm/__init__.py": "",
          "vllm/config.py": "class CacheConfig:\n    def __init__(self, block_size: int):\n        pass\n\n\ndef make(x, y):\n    return x + y\n",
          "vllm/worker.py": "class Worker:\n    def run(self):\n        pass\n",
        ]
      ),
      (
        "v0.2.0",
        [
          "vllm/__init__.py": "",
          "vllm/config.py": "class CacheConfig:\n    def __init__(self, block_size: int):\n        pass\n",
          "vllm/worker.py": "class Worker:\n    def run(self, step: int):\n        pass\n",
        ]
      ),
      (
        "v0.3.0",
        [
          "vllm/__init__.py": "",
          "vllm/config.py": "class CacheConfig:\n    def __init__(self, block_size: int):\n        pass\n",
          "vllm/engine.py": "class Worker:\n    def run(self, step: int):\n        pass\n",
        ]
      ),
    ])
    directory = try temporaryDirectory()
    plugin = directory.appendingPathComponent("plugin")
    let files = [
      "vllm_mindspore/__init__.py": "",
      "vllm_mindspore/a.py": "from vllm.config import make\n",
      "vllm_mindspore/b.py": "from vllm.worker import Worker\n\n\nclass MSWorker(Worker):\n    def run(self):\n        pass\n",
      "vllm_mindspore/c.py": "from vllm.config import CacheConfig\n",
    ]
    for (path, text) in files {
      let url = plugin.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
  }

  var configuration: GateConfiguration {
    var configuration = GateConfiguration(from: "v0.1.0", upstreams: ["v0.2.0", "v0.3.0"], checks: ["impact", "diff"])
    configuration.pluginPath = plugin.path
    return configuration
  }

  var source: UpstreamSource {
    get throws { try UpstreamSource.open(repo: upstream.path, cacheDirectory: nil, catalogDirectory: nil) }
  }

  func run(
    _ configuration: GateConfiguration? = nil, shard: ShardSpec? = nil, baseline: Baseline = Baseline([]),
    allowlist: Allowlist = Allowlist(), today: String = "2026-11-25"
  ) throws -> GateDocument {
    try GateRunner.run(
      configuration ?? self.configuration, source: source, shard: shard, baseline: baseline, allowlist: allowlist,
      today: today)
  }

  /// Writes a file under the fixture's directory; returns its path.
  func write(_ name: String, _ text: String) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }
}

