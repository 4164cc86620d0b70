import APIModel
import AdapterManifests
import Testing

@Suite struct OpsManifestLoaderTests {
  static let vocabulary = OpVocabulary(
    upstream: ["vllm._custom_ops.rms_norm": ["out", "input", "weight", "epsilon"],
               "torch.ops._C.silu_and_mul": ["out", "x"]],
    mindspore: ["rms_norm": ["x", "gamma", "epsilon"], "swiglu": ["input", "dim"]])

  static let tolerance = """
        tolerance:
          float32: {atol: 1.0e-5, rtol: 1.0e-5}
          float16: {atol: 1.0e-3, rtol: 1.0e-3}
          bfloat16: {atol: 1.0e-2, rtol: 1.0e-2}
    """

  static func manifest(revision: String, inherits: String? = nil, entries: String) -> String {
    "schema: vmsync.ops/1\nrevision: \(revision)\n" + (inherits.map { "inherits: \($0)\n" } ?? "") + "ops:\n" + entries
  }

  static let rmsNorm = """
      vllm._custom_ops.rms_norm:
        steps:
          - call: rms_norm
            args: {x: input, gamma: weight, epsilon: epsilon}
            outputs: [y, _]
          - write: out
            from: y

    """ + tolerance + "\n"

  static let siluAndMul = """
      torch.ops._C.silu_and_mul:
        steps:
          - call: swiglu
            args: {input: x, dim: -1}
            outputs: [y]
          - write: out
            from: y

    """ + tolerance + "\n"

  func load(_ files: [String: String], _ revision: String = "v0.9.1") throws -> (TemporaryAdapters, Result<OpsManifestV1, ManifestError>) {
    let adapters = try TemporaryAdapters(files)
    let loader = OpsManifestLoader(directory: adapters.directory, vocabulary: Self.vocabulary)
    return (adapters, Result { () throws(ManifestError) in try loader.load(revision: revision) })
  }

  func error(_ files: [String: String], _ revision: String = "v0.9.1") throws -> ManifestError? {
    let (_, result) = try load(files, revision)
    if case .failure(let error) = result { return error }
    return nil
  }

  @Test func loadsStepsAndTolerances() throws {
    let (_, result) = try load(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: Self.rmsNorm)])
    let manifest = try result.get()
    let mapping = try #require(manifest.mappings["vllm._custom_ops.rms_norm"])
    #expect(mapping.steps.count == 2)
    #expect(mapping.tolerances["float16"] == Tolerance(atol: 1e-3, rtol: 1e-3))
    #expect(mapping.location.line == 4)
    #expect(mapping.note == nil)
    let noted = Self.rmsNorm.replacingOccurrences(of: "    steps:\n", with: "    note: keeps y of (y, rstd)\n    steps:\n")
    let (_, again) = try load(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: noted)])
    #expect(try again.get().mappings["vllm._custom_ops.rms_norm"]?.note == "keeps y of (y, rstd)")
  }

  @Test func childEntriesOverrideInheritedOnes() throws {
    let child = Self.manifest(revision: "v0.11.0", inherits: "v0.9.1", entries: Self.rmsNorm)
    let parent = Self.manifest(revision: "v0.9.1", entries: Self.rmsNorm + Self.siluAndMul)
    let (_, result) = try load(["v0.9.1": parent, "v0.11.0": child], "v0.11.0")
    let manifest = try result.get()
    #expect(manifest.chain == ["v0.11.0", "v0.9.1"])
    #expect(manifest.mappings["vllm._custom_ops.rms_norm"]?.definedIn == "v0.11.0")
    #expect(manifest.mappings["torch.ops._C.silu_and_mul"]?.definedIn == "v0.9.1")
  }

  @Test func unknownKeyIsReportedWithItsLine() throws {
    let text = Self.manifest(revision: "v0.9.1", entries: Self.rmsNorm.replacingOccurrences(of: "      - write: out\n", with: "      - write: out\n        colour: red\n"))
    let error = try #require(try error(["v0.9.1": text]))
    guard case .unknownKey("colour", _, let at) = error else { Issue.record("got \(error)"); return }
    #expect(at.line == 10)
    #expect(at.file.hasSuffix("v0.9.1/ops.yaml"))
    #expect(error.description.contains("ops.yaml:10:"))
  }

  @Test func unknownTransformIsReportedWithItsLine() throws {
    let entries = Self.rmsNorm.replacingOccurrences(
      of: "      - write: out\n", with: "      - let: z\n        from: y\n        transforms: [{flip: 0}]\n      - write: out\n")
    let error = try #require(try error(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: entries)]))
    guard case .unknownTransform("flip", let at) = error else { Issue.record("got \(error)"); return }
    #expect(at.line == 11)
  }

  @Test func inheritsCycleIsDetected() throws {
    let error = try #require(try error([
      "v0.9.1": Self.manifest(revision: "v0.9.1", inherits: "v0.11.0", entries: Self.rmsNorm),
      "v0.11.0": Self.manifest(revision: "v0.11.0", inherits: "v0.9.1", entries: Self.rmsNorm),
    ], "v0.11.0"))
    guard case .inheritsCycle(let chain, let at) = error else { Issue.record("got \(error)"); return }
    #expect(chain == ["v0.11.0", "v0.9.1", "v0.11.0"])
    #expect(at.line == 3)
    #expect(at.file.hasSuffix("v0.9.1/ops.yaml"))
  }

  @Test func missingRevisionIsReported() throws {
    let error = try #require(try error(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: Self.rmsNorm)], "v0.10.0"))
    guard case .missingRevision("v0.10.0", _, nil) = error else { Issue.record("got \(error)"); return }
    let inherited = try #require(try self.error([
      "v0.11.0": Self.manifest(revision: "v0.11.0", inherits: "v0.8.0", entries: Self.rmsNorm)
    ], "v0.11.0"))
    guard case .missingRevision("v0.8.0", _, let at?) = inherited else { Issue.record("got \(inherited)"); return }
    #expect(at.line == 3)
  }

  @Test func unknownNamesAndOpsAreReported() throws {
    func firstError(_ entries: String) throws -> ManifestError? {
      try error(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: entries)])
    }
    let unknownArgument = try firstError(Self.rmsNorm.replacingOccurrences(of: "gamma: weight", with: "beta: weight"))
    guard case .unknownArgument("beta", "rms_norm", let at)? = unknownArgument else { Issue.record("got \(String(describing: unknownArgument))"); return }
    #expect(at.line == 7)
    let unknownName = try firstError(Self.rmsNorm.replacingOccurrences(of: "gamma: weight", with: "gamma: weights"))
    guard case .unknownName("weights", _, _)? = unknownName else { Issue.record("got \(String(describing: unknownName))"); return }
    let unknownMindSpore = try firstError(Self.rmsNorm.replacingOccurrences(of: "call: rms_norm", with: "call: rms_norm_v9"))
    guard case .unknownMindSporeOp("rms_norm_v9", _)? = unknownMindSpore else { Issue.record("got \(String(describing: unknownMindSpore))"); return }
    let unknownUpstream = try firstError(Self.rmsNorm.replacingOccurrences(of: "_custom_ops.rms_norm", with: "_custom_ops.layer_norm"))
    guard case .unknownUpstreamOp("vllm._custom_ops.layer_norm", let upAt)? = unknownUpstream else { Issue.record("got \(String(describing: unknownUpstream))"); return }
    #expect(upAt.line == 4)
  }

  @Test func badTypesAndHeadersAreReported() throws {
    let badSchema = try error(["v0.9.1": "schema: vmsync.ops/9\nrevision: v0.9.1\nops: {}\n"])
    guard case .unsupportedSchema("vmsync.ops/9", _)? = badSchema else { Issue.record("got \(String(describing: badSchema))"); return }
    let mismatch = try error(["v0.9.1": Self.manifest(revision: "v0.9.2", entries: Self.rmsNorm)])
    guard case .revisionMismatch("v0.9.2", "v0.9.1", _)? = mismatch else { Issue.record("got \(String(describing: mismatch))"); return }
    let badTolerance = try error(["v0.9.1": Self.manifest(revision: "v0.9.1", entries: Self.rmsNorm.replacingOccurrences(of: "atol: 1.0e-3", with: "atol: lots"))])
    guard case .invalidValue("atol", _, let at)? = badTolerance else { Issue.record("got \(String(describing: badTolerance))"); return }
    #expect(at.line == 13)
    let syntax = try error(["v0.9.1": "schema: [unclosed\n"])
    guard case .syntax(_, let syntaxAt)? = syntax else { Issue.record("got \(String(describing: syntax))"); return }
    #expect(syntaxAt.line >= 1)
  }
}
