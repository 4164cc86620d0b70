import APIModel
import GitReleases

/// A module surface that uses every field of the model.
func richSurface(module: String = "vllm.config", file: String = "vllm/config/__init__.py", marker: String = "1") -> ModuleSurface {
  ModuleSurface(
    module: module, file: file,
    symbols: [
      Symbol(path: module, kind: .module, file: file, line: 1),
      Symbol(
        path: "\(module).CacheConfig", kind: .class, file: file, line: 10, bases: ["Base", "metaclass=Meta"],
        decorators: ["dataclass(frozen=True)"], bodyHash: "abc\(marker)", conditions: [.typeChecking, .platform]),
      Symbol(
        path: "\(module).CacheConfig.__init__", kind: .method, file: file, line: 12,
        params: [
          Parameter(name: "self", kind: .positionalOrKeyword),
          Parameter(name: "size", kind: .positionalOnly, default: "16", annotation: "int"),
          Parameter(name: "args", kind: .varPositional),
          Parameter(name: "dtype", kind: .keywordOnly, default: "'auto'"),
          Parameter(name: "kw", kind: .varKeyword, annotation: "Any"),
        ], returns: "None", bodyHash: "def\(marker)", isAsync: false),
      Symbol(path: "\(module).serve", kind: .function, file: file, line: 30, params: [], isAsync: true),
      Symbol(path: "\(module).LIMIT", kind: .attribute, file: file, line: 40, value: "1 << 20", annotation: "Final[int]"),
      Symbol(path: "\(module).Engine", kind: .alias, file: "vllm/other.py", line: 2, target: "vllm.engine.Engine"),
      Symbol(path: "\(module).ünïcode", kind: .attribute, file: file, line: 41, value: "'✓'", conditions: []),
    ],
    exports: ["CacheConfig", "serve"], starImports: ["vllm.utils"],
    diagnostics: [Diagnostic(.error, "expected ':'", at: SourceLocation(file: file, line: 50, column: 7))])
}

func blobID(_ n: Int) -> ObjectID {
  ObjectID(bytes: (0..<20).map { UInt8(truncatingIfNeeded: n >> ($0 % 4 * 8)) })!
}
