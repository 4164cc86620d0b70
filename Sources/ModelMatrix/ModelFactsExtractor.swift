import APIDiff
import APIModel

/// Derives `ModelFacts` for every architecture of a registry module from a snapshot (classes,
/// bases, flags) and the modules' source (config reads).
public struct ModelFactsExtractor {
  let snapshot: Snapshot
  let resolved: ResolvedSurface
  let source: (String) -> [UInt8]?
  var readsByFile: [String: [Fact]] = [:]

  /// - Parameters:
  ///   - snapshot: Every module the registered classes and their bases live in.
  ///   - source: The text of a repository-relative file, or nil when unavailable.
  public init(snapshot: Snapshot, source: @escaping (String) -> [UInt8]?) {
    self.snapshot = snapshot
    self.resolved = ResolvedSurface(snapshot)
    self.source = source
  }

  /// The facts of every architecture the registry module lists.
  /// - Parameters:
  ///   - registryModule: `vllm.model_executor.models.registry`; its package holds the models.
  ///   - revision: Recorded in the result.
  /// - Throws: `MatrixError.missingRegistry` when the snapshot has no such module.
  public mutating func facts(registryModule: String, revision: String) throws(MatrixError) -> ModelFactsFile {
    guard let registry = snapshot.modules.first(where: { $0.module == registryModule }) else {
      throw .missingRegistry(module: registryModule, in: revision)
    }
    let package = String(registryModule[..<(registryModule.lastIndex(of: ".") ?? registryModule.startIndex)])
    let text = source(registry.file).map { String(decoding: $0, as: UTF8.self) }
    var models: [ModelFacts] = []
    for entry in RegistryTable.entries(of: registry, source: text) {
      models.append(facts(of: entry, package: package))
    }
    return ModelFactsFile(revision: revision, models: models)
  }

  mutating func facts(of entry: RegistryEntry, package: String) -> ModelFacts {
    let registryFact = Fact(name: entry.architecture, file: entry.location.file, line: entry.location.line)
    let modulePath = locateModule(entry.module, package: package)
    guard let cls = resolved.resolve(modulePath + "." + entry.className).flatMap({ resolved.definitions[$0] }),
      cls.kind == .class
    else {
      return ModelFacts(
        architecture: entry.architecture, module: modulePath, className: entry.className, registry: registryFact,
        definition: registryFact, classFound: false, interfaces: [], configReads: [])
    }
    var chain = [cls]
    var seen: Set<String> = [cls.path]
    var index = 0
    while index < chain.count {
      for base in resolved.qualifiedBases(of: chain[index]) where seen.insert(base).inserted {
        if let next = resolved.definitions[base], next.kind == .class { chain.append(next) }
      }
      index += 1
    }
    var interfaces: [Fact] = []
    var interfaceNames: Set<String> = []
    for member in chain {
      for base in resolved.qualifiedBases(of: member) {
        let name = String(base.split(separator: ".").last ?? Substring(base))
        if MatrixColumn.knownInterfaceNames.contains(name), interfaceNames.insert(name).inserted {
          interfaces.append(Fact(name: name, file: member.file, line: member.line))
        }
      }
      // Interface classes set their own flags; only flags set on model classes add a fact.
      let isInterface = MatrixColumn.knownInterfaceNames.contains(String(member.name))
      for flag in MatrixColumn.knownFlags where !isInterface {
        if let attribute = resolved.definitions[member.path + "." + flag], attribute.value == "True",
          interfaceNames.insert(flag).inserted
        {
          interfaces.append(Fact(name: flag, file: attribute.file, line: attribute.line))
        }
      }
    }
    var reads: [Fact] = []
    var readNames: Set<String> = []
    // The class's own module and its ancestors in the models package (or the package of an
    // absolutely named module); shared layers elsewhere are not the model's reads.
    let prefixes = [package + ".", String(modulePath[..<(modulePath.lastIndex(of: ".") ?? modulePath.startIndex)]) + "."]
    for member in chain where prefixes.contains(where: member.path.hasPrefix) {
      for read in configReads(file: member.file) where readNames.insert(read.name).inserted {
        reads.append(read)
      }
    }
    return ModelFacts(
      architecture: entry.architecture, module: modulePath, className: entry.className, registry: registryFact,
      definition: Fact(name: cls.path, file: cls.file, line: cls.line), classFound: true,
      interfaces: interfaces, configReads: reads)
  }

  /// `package.name`, an absolute module name, or the one module of the package whose last
  /// component is `name` (vLLM-MindSpore keeps backend models in sub-packages such as `mf_models`).
  func locateModule(_ name: String, package: String) -> String {
    let direct = package + "." + name
    if resolved.definitions[direct] != nil { return direct }
    // Newer registries may name a module by its absolute path, `vllm.models.beam`.
    if name.contains("."), resolved.definitions[name] != nil { return name }
    let suffix = "." + name
    return snapshot.modules.first { $0.module.hasPrefix(package + ".") && $0.module.hasSuffix(suffix) }?.module
      ?? direct
  }

  mutating func configReads(file: String) -> [Fact] {
    if let cached = readsByFile[file] { return cached }
    let reads = source(file).map { ConfigReadScanner.reads(in: $0).map { Fact(name: $0.field, file: file, line: $0.line) } } ?? []
    readsByFile[file] = reads
    return reads
  }
}
