import APIModel
import Foundation

/// A named fact with the place that proves it: an interface a class implements, or a config
/// field a module reads.
public struct Fact: Hashable, Sendable, Codable {
  /// `SupportsLoRA`, `supports_lora = True`, or a config field such as `rope_scaling`.
  public var name: String
  /// Repository-relative file.
  public var file: String
  /// 1-based line.
  public var line: Int

  public init(name: String, file: String, line: Int) {
    self.name = name
    self.file = file
    self.line = line
  }

  /// `file:line`.
  public var place: String { "\(file):\(line)" }
}

/// What one side (vLLM or the plugin) says statically about one registered architecture.
public struct ModelFacts: Hashable, Sendable, Codable {
  /// The architecture name, `LlamaForCausalLM`.
  public var architecture: String
  /// The registered module, dotted: `vllm.model_executor.models.llama`.
  public var module: String
  /// The registered class name.
  public var className: String
  /// Where the registry lists the architecture.
  public var registry: Fact
  /// Where the class is defined (the registry entry when the class is not found).
  public var definition: Fact
  /// Whether the registered class exists in the module.
  public var classFound: Bool
  /// Interfaces and class flags, through every resolved base.
  public var interfaces: [Fact]
  /// Config fields read by the class's module and the modules of its bases, first read each.
  public var configReads: [Fact]

  public init(
    architecture: String, module: String, className: String, registry: Fact, definition: Fact,
    classFound: Bool, interfaces: [Fact], configReads: [Fact]
  ) {
    self.architecture = architecture
    self.module = module
    self.className = className
    self.registry = registry
    self.definition = definition
    self.classFound = classFound
    self.interfaces = interfaces
    self.configReads = configReads
  }

  enum CodingKeys: String, CodingKey {
    case architecture, module
    case className = "class"
    case registry, definition
    case classFound = "class_found"
    case interfaces
    case configReads = "config_reads"
  }
}

/// The model facts of one side at one revision; persisted for upstream releases as
/// `upstream/models/<release>.json` (`vmsync.model-facts/1`), derived data only.
public struct ModelFactsFile: Hashable, Sendable, Codable {
  /// Version of this persisted format.
  public static let schema = "vmsync.model-facts/1"

  public var schema: String
  /// The release or tree the facts were taken from.
  public var revision: String
  /// One entry per registered architecture, sorted by architecture.
  public var models: [ModelFacts]

  public init(revision: String, models: [ModelFacts]) {
    self.schema = ModelFactsFile.schema
    self.revision = revision
    self.models = models.sorted { $0.architecture < $1.architecture }
  }

  /// The facts of an architecture.
  public subscript(architecture: String) -> ModelFacts? {
    models.first { $0.architecture == architecture }
  }

  /// Pooling and other suffixes vLLM serves by converting a generative model
  /// (`vllm/config/model.py` `_SUFFIX_TO_DEFAULTS`), most specific first.
  static let convertedSuffixes = [
    "ForTextEncoding", "EmbeddingModel", "ForSequenceClassification", "ClassificationModel", "ForRewardModeling",
    "RewardModel", "Model",
  ]

  /// The facts of an architecture, or of the registered model vLLM converts to serve it
  /// (`Qwen3Model` → `Qwen3ForCausalLM`); `converted` is true in the second case.
  public func lookup(_ architecture: String) -> (facts: ModelFacts, converted: Bool)? {
    if let facts = self[architecture] { return (facts, false) }
    guard let suffix = Self.convertedSuffixes.first(where: { architecture.hasSuffix($0) }) else { return nil }
    let stem = architecture.dropLast(suffix.count)
    for replacement in ["ForCausalLM", "ForConditionalGeneration"] {
      if let facts = self[stem + replacement] { return (facts, true) }
    }
    return nil
  }

  /// Compact JSON, one model per line, so recorded files diff well.
  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var text = "{\"models\":[\n"
    text += try models.map { String(decoding: try encoder.encode($0), as: UTF8.self) }.joined(separator: ",\n")
    text += "\n],\"revision\":" + String(decoding: try encoder.encode(revision), as: UTF8.self)
    text += ",\"schema\":" + String(decoding: try encoder.encode(schema), as: UTF8.self) + "}\n"
    return Data(text.utf8)
  }
}
