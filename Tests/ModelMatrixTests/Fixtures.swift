import APIExtraction
import APIModel
import Foundation
import GitReleases
import ModelCatalog
import ModelMatrix
import _TestSupport

/// vLLM's interfaces, as small as the matrix needs.
let upstreamInterfaces = """
  from typing import ClassVar, Literal, Protocol
  class SupportsPP(Protocol):
      supports_pp: ClassVar[Literal[True]] = True
  class SupportsLoRA(Protocol):
      supports_lora: ClassVar[Literal[True]] = True
  class SupportsMultiModal(Protocol):
      supports_multimodal: ClassVar[Literal[True]] = True
  class SupportsQuant: ...
  class MixtureOfExperts(Protocol): ...
  class SupportsEagle3(Protocol): ...
  class VllmModelForPooling(Protocol):
      is_pooling_model: ClassVar[Literal[True]] = True
  """

/// An upstream release: a registry and a few models exercising every column kind.
func upstreamFiles(registry: String, extra: [String: String] = [:]) -> [String: String] {
  [
    "vllm/__init__.py": "",
    "vllm/model_executor/__init__.py": "",
    "vllm/model_executor/models/__init__.py": "",
    "vllm/model_executor/models/interfaces.py": upstreamInterfaces,
    "vllm/model_executor/models/registry.py": registry,
    "vllm/model_executor/models/llama.py": """
      from torch import nn
      from .interfaces import SupportsLoRA, SupportsPP
      class LlamaModel(nn.Module):
          def __init__(self, config):
              self.heads = config.num_key_value_heads
              self.scaling = getattr(config, "rope_scaling", None)
      class LlamaForCausalLM(nn.Module, SupportsLoRA, SupportsPP):
          def __init__(self, config):
              self.tied = config.tie_word_embeddings
      """,
    "vllm/model_executor/models/moe.py": """
      from torch import nn
      from vllm.model_executor.models import interfaces
      class Base(nn.Module, interfaces.MixtureOfExperts):
          pass
      class MoeForCausalLM(Base):
          supports_quant = True
          def __init__(self, hf_config):
              self.n = hf_config.num_experts  # read
              # hf_config.n_group is only a comment
              self.c = hf_config.get_text_config()
      """,
    "vllm/model_executor/models/pooler.py": """
      from .interfaces import VllmModelForPooling
      class EmbedModel(VllmModelForPooling):
          pass
      """,
  ].merging(extra) { $1 }
}

let upstreamRegistryV1 = """
  _TEXT_GENERATION_MODELS = {
      # [Decoder-only]
      "LlamaForCausalLM": ("llama", "LlamaForCausalLM"),
      "MoeForCausalLM": ("moe", "MoeForCausalLM"),
      "OldForCausalLM": ("llama", "LlamaForCausalLM"),
  }
  _EMBEDDING_MODELS = {
      "EmbedModel": ("pooler", "EmbedModel"),
      **{k: v for k, v in _TEXT_GENERATION_MODELS.items()},
  }
  _VLLM_MODELS = {**_TEXT_GENERATION_MODELS, **_EMBEDDING_MODELS}
  """

/// v2 renames `OldForCausalLM` to `NewForCausalLM` and drops `EmbedModel`.
let upstreamRegistryV2 = """
  _TEXT_GENERATION_MODELS = {
      "LlamaForCausalLM": ("llama", "LlamaForCausalLM"),
      "MoeForCausalLM": ("moe", "MoeForCausalLM"),
      "NewForCausalLM": ("llama", "LlamaForCausalLM"),
  }
  """

/// A plugin tree: Llama without LoRA and ignoring `rope_scaling`, MoE complete.
let pluginFilesV1: [String: String] = [
  "vllm_mindspore/__init__.py": "",
  "vllm_mindspore/model_executor/__init__.py": "",
  "vllm_mindspore/model_executor/models/__init__.py": "",
  "vllm_mindspore/model_executor/models/registry.py": """
    _NATIVE_MODELS = {
        "LlamaForCausalLM": ("llama", "LlamaForCausalLM"),
        "MoeForCausalLM": ("moe", "MoeForCausalLM"),
        "OldForCausalLM": ("llama", "LlamaForCausalLM"),
        "GhostForCausalLM": ("ghost", "GhostForCausalLM"),
    }
    """,
  "vllm_mindspore/model_executor/models/llama.py": """
    from vllm.model_executor.models.interfaces import SupportsPP
    class LlamaForCausalLM(SupportsPP):
        def __init__(self, config):
            self.heads = self.config.num_key_value_heads
            self.tied = config.tie_word_embeddings
    """,
  "vllm_mindspore/model_executor/models/moe.py": """
    from vllm.model_executor.models.moe import MoeForCausalLM as Upstream
    class MoeForCausalLM(Upstream):
        def __init__(self, config):
            self.n = getattr(config, "num_experts", 8)
    """,
]

/// Writes `files` under a new temporary directory.
func writeTree(_ files: [String: String]) throws -> URL {
  let root = try temporaryDirectory()
  for (path, text) in files {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
  }
  return root
}

/// Facts of the upstream fixture at `tag`, read through libgit2 like `--repo` does.
func upstreamFacts(repo: URL, tag: String) throws -> (ModelFactsFile, Snapshot) {
  let repository = try GitRepository(at: repo)
  let files = try repository.files(at: repository.resolve(tag), under: "vllm/")
  var sources: [String: [UInt8]] = [:]
  var modules: [ModuleSurface] = []
  for file in files {
    let bytes = try repository.blob(file.blob)
    sources[file.path] = bytes
    if let surface = extractModule(source: bytes, file: file.path) { modules.append(surface) }
  }
  let snapshot = Snapshot(release: tag, modules: modules)
  var extractor = ModelFactsExtractor(snapshot: snapshot) { sources[$0] }
  return (try extractor.facts(registryModule: "vllm.model_executor.models.registry", revision: tag), snapshot)
}

/// Facts of a plugin tree, resolved over its own modules and the upstream snapshot.
func pluginFacts(_ files: [String: String], upstream: Snapshot) throws -> ModelFactsFile {
  var sources: [String: [UInt8]] = [:]
  var modules: [ModuleSurface] = []
  for (path, text) in files {
    sources[path] = Array(text.utf8)
    if let surface = extractModule(source: Array(text.utf8), file: path) { modules.append(surface) }
  }
  var extractor = ModelFactsExtractor(snapshot: Snapshot(release: "plugin", modules: modules + upstream.modules)) {
    sources[$0]
  }
  return try extractor.facts(registryModule: "vllm_mindspore.model_executor.models.registry", revision: "plugin")
}

/// A two-release upstream repository: v1 and v2.
func fixtureRepo() throws -> URL {
  try makeGitRepo(versions: [
    (tag: "v1", files: upstreamFiles(registry: upstreamRegistryV1)),
    (tag: "v2", files: upstreamFiles(registry: upstreamRegistryV2)),
  ])
}

/// A catalogue listing the fixture's models, so config columns apply by catalogue feature.
func fixtureCatalog() throws -> ModelCatalog {
  func model(_ name: String, backend: String, extra: String = "") -> String {
    """
      \(name):
        family: \(name.lowercased())
        checkpoints: [org/\(name.lowercased())]
        backend: \(backend)
        task: generate
        sources: [https://example.org/a, https://example.org/b]
        config:
          hidden_size: 64
          num_hidden_layers: 4
          num_attention_heads: 8
          num_key_value_heads: 2
          intermediate_size: 128
          vocab_size: 1000
          rms_norm_eps: 1.0e-6
          hidden_act: silu
          rope_theta: 10000
          tie_word_embeddings: true
          rope_scaling: {type: linear, factor: 2.0}
    \(extra)
    """
  }
  let text = "schema: vmsync.models/1\nmodels:\n"
    + model("LlamaForCausalLM", backend: "native") + "\n"
    + model("OldForCausalLM", backend: "native") + "\n"
    + model("AbsentForCausalLM", backend: "native")
  return try ModelCatalog.parse(text, file: "models.yaml")
}
