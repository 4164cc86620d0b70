import APIModel
import Dispatch
import Foundation
import PySyntax

/// Lists a plugin's upstream dependencies by reading its Python source; it never imports or
/// runs Python.
public enum PluginScanner {
  /// Scans every `.py` file under `root/package`.
  /// - Parameters:
  ///   - root: The plugin checkout.
  ///   - package: The plugin's top-level package directory, `vllm_mindspore`.
  ///   - configuration: The upstream package and the helper spellings to recognise.
  ///   - progress: Called with (files done, files in all) as files finish, from any thread.
  /// - Returns: References ordered by file, line, column, kind and target; unreadable or unparseable
  ///   files as diagnostics.
  /// - Throws: `ScanError.notADirectory` when `root/package` is not a directory,
  ///   `ScanError.unreadable` when it cannot be listed.
  public static func scan(
    root: URL, package: String, configuration: ScanConfiguration = .default,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(ScanError) -> PluginScanResult {
    let files = try pythonFiles(root: root, package: package)
    let results = ResultSlots(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let file = files[index]
      let url = root.appendingPathComponent(file)
      let result: (references: [PluginReference], diagnostics: [Diagnostic])
      if let data = FileManager.default.contents(atPath: url.path) {
        result = scanFile(path: file, source: [UInt8](data), configuration: configuration)
      } else {
        result = ([], [Diagnostic(.error, "cannot read the file; skipped", at: SourceLocation(file: file, line: 1))])
      }
      let done = results.set(index, result)
      progress?(done, files.count)
    }
    return merge(package: package, results.all)
  }

  /// Scans files given in memory; `path` is relative to the plugin root (`vllm_mindspore/x.py`).
  /// - Returns: References ordered by file, line, column, kind and target; unparseable files as diagnostics.
  public static func scan(
    files: [(path: String, source: [UInt8])], package: String, configuration: ScanConfiguration = .default
  ) -> PluginScanResult {
    merge(package: package, files.map { scanFile(path: $0.path, source: $0.source, configuration: configuration) })
  }

  /// The references of one file, or its first syntax problem when it does not parse.
  static func scanFile(
    path: String, source: [UInt8], configuration: ScanConfiguration
  ) -> (references: [PluginReference], diagnostics: [Diagnostic]) {
    guard let (module, isPackage) = SymbolPath.module(forFile: path) else { return ([], []) }
    let parsed = ParsedModule(source: source)
    if let first = parsed.diagnostics(file: path).first {
      return ([], [Diagnostic(.error, first.message + "; the file was skipped", at: first.location)])
    }
    var scanner = ModuleScanner(
      parsed: parsed, file: path, module: module, isPackage: isPackage, configuration: configuration)
    return (scanner.run(), [])
  }

  static func merge(
    package: String, _ results: [(references: [PluginReference], diagnostics: [Diagnostic])]
  ) -> PluginScanResult {
    var references = results.flatMap(\.references).sorted(by: PluginReference.scanOrder)
    // A replacement that calls what it replaces (an original saved under another name) wraps it.
    var callers: [String: Set<String>] = [:]
    for reference in references where reference.kind == .call {
      if let caller = reference.pluginSymbol { callers[reference.target, default: []].insert(caller) }
    }
    for index in references.indices where references[index].kind == .replace {
      if let replacement = references[index].pluginSymbol, callers[references[index].target]?.contains(replacement) == true {
        references[index].kind = .wrap
      }
    }
    let diagnostics = results.flatMap(\.diagnostics).sorted {
      ($0.location.file, $0.location.line, $0.location.column) < ($1.location.file, $1.location.line, $1.location.column)
    }
    return PluginScanResult(package: package, references: references, diagnostics: diagnostics)
  }

  /// The `.py` files under `root/package`, relative to `root`, sorted.
  static func pythonFiles(root: URL, package: String) throws(ScanError) -> [String] {
    let directory = root.appendingPathComponent(package)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .notADirectory(path: directory.path)
    }
    guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else {
      throw .unreadable(path: directory.path, reason: "cannot list the directory")
    }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
      if relative.hasSuffix(".py") { files.append(package + "/" + relative) }
    }
    return files.sorted()
  }
}

extension PluginReference {
  private static let kindRank = Dictionary(uniqueKeysWithValues: ReferenceKind.allCases.enumerated().map { ($1, $0) })

  /// By file, line, column, kind, target, then the remaining fields, so equal inputs give equal output.
  static func scanOrder(_ a: PluginReference, _ b: PluginReference) -> Bool {
    if a.location.file != b.location.file { return a.location.file < b.location.file }
    if a.location.line != b.location.line { return a.location.line < b.location.line }
    if a.location.column != b.location.column { return a.location.column < b.location.column }
    if a.kind != b.kind { return kindRank[a.kind, default: 0] < kindRank[b.kind, default: 0] }
    if a.target != b.target { return a.target < b.target }
    if a.via != b.via { return a.via < b.via }
    return (a.pluginSymbol ?? "") < (b.pluginSymbol ?? "")
  }
}

/// Per-file result slots written from concurrent workers.
private final class ResultSlots: @unchecked Sendable {
  private var slots: [(references: [PluginReference], diagnostics: [Diagnostic])]
  private var done = 0
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: ([], []), count: count) }

  /// Stores one file's result; returns how many files are done.
  func set(_ index: Int, _ result: (references: [PluginReference], diagnostics: [Diagnostic])) -> Int {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
    done += 1
    return done
  }

  var all: [(references: [PluginReference], diagnostics: [Diagnostic])] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
