import APIExtraction
import APIModel
import Dispatch
import Foundation

/// Why a validation run could not happen.
public enum ValidationError: Error, CustomStringConvertible {
  /// No usable `python3` was found.
  case pythonUnavailable(String)
  /// The oracle script is missing from the bundle or failed.
  case oracleFailed(String)
  /// A file could not be read.
  case unreadable(SourceLocation)

  public var description: String {
    switch self {
    case .pythonUnavailable(let why): "error: python3 is not available, validation skipped: \(why)"
    case .oracleFailed(let why): "error: the ast oracle failed: \(why)"
    case .unreadable(let location): "\(location): error: cannot read the file"
    }
  }
}

/// Compares `extractModule` with what CPython's `ast` says about the same files, field by
/// field, to measure how faithful the static extraction is.
public struct SurfaceValidator: Sendable {
  /// The Python interpreter to run the oracle with.
  public var python: String

  /// - Parameter python: Interpreter command, looked up on `PATH` when not absolute.
  public init(python: String = "python3") {
    self.python = python
  }

  /// Whether the interpreter can be started.
  public var isPythonAvailable: Bool {
    (try? run(arguments: ["-c", "import ast"])) != nil
  }

  /// Repository-relative paths of the `.py` files under `root`, sorted, skipping hidden
  /// directories.
  /// - Parameter root: The directory to search.
  /// - Returns: Paths such as `vllm/config/__init__.py`.
  public static func pythonFiles(under root: URL) -> [String] {
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    while let file = enumerator?.nextObject() as? String {
      let name = (file as NSString).lastPathComponent
      if name.hasPrefix(".") {
        enumerator?.skipDescendants()
      } else if name.hasSuffix(".py") {
        files.append(file)
      }
    }
    return files.sorted()
  }

  /// Runs the oracle and the extractor on `files` under `root` and compares them.
  /// - Parameters:
  ///   - root: Directory the relative `files` are under.
  ///   - files: Repository-relative `.py` paths.
  ///   - progress: Called with a short status line as the phases advance.
  /// - Returns: Agreement counts per field plus samples of disagreements.
  /// - Throws: `ValidationError` when python3 is missing, the oracle fails or a file is unreadable.
  public func validate(root: URL, files: [String], progress: (@Sendable (String) -> Void)? = nil)
    throws(ValidationError) -> ValidationReport
  {
    progress?("running the ast oracle on \(files.count) files")
    let oracle = try runOracle(root: root, files: files)
    progress?("extracting \(files.count) files")
    let surfaces = try extractAll(root: root, files: files)
    progress?("comparing")
    var comparison = SurfaceComparison()
    for (index, file) in files.enumerated() {
      guard let reference = oracle[file] else {
        comparison.oracleRejected.append("\(file): no output from the oracle")
        continue
      }
      switch reference {
      case .failure(let message):
        comparison.oracleRejected.append("\(file): \(message)")
      case .success(let expected):
        comparison.compare(surfaces[index], with: expected)
      }
    }
    return comparison.report(fileCount: files.count)
  }

  func extractAll(root: URL, files: [String]) throws(ValidationError) -> [ModuleSurface] {
    let results = UnsafeResults(count: files.count)
    DispatchQueue.concurrentPerform(iterations: files.count) { index in
      let url = root.appendingPathComponent(files[index])
      guard let data = FileManager.default.contents(atPath: url.path) else { return }
      let surface = extractModule(source: [UInt8](data), file: files[index])
        ?? ModuleSurface(module: files[index], file: files[index], symbols: [])
      results.set(index, surface)
    }
    var surfaces: [ModuleSurface] = []
    surfaces.reserveCapacity(files.count)
    for (index, file) in files.enumerated() {
      guard let surface = results.get(index) else {
        throw .unreadable(SourceLocation(file: root.appendingPathComponent(file).path, line: 1))
      }
      surfaces.append(surface)
    }
    return surfaces
  }

  func runOracle(root: URL, files: [String]) throws(ValidationError) -> [String: Result<OracleSurface, OracleFailure>] {
    guard let script = Bundle.module.url(forResource: "surface_oracle", withExtension: "py") else {
      throw .oracleFailed("surface_oracle.py is missing from the bundle")
    }
    let list = FileManager.default.temporaryDirectory
      .appendingPathComponent("vmsync-oracle-\(UUID().uuidString).txt")
    defer { try? FileManager.default.removeItem(at: list) }
    do {
      try Data(files.joined(separator: "\n").utf8).write(to: list)
    } catch {
      throw .oracleFailed("cannot write \(list.path): \(error)")
    }
    let output = try run(arguments: [script.path, root.path, list.path])
    var results: [String: Result<OracleSurface, OracleFailure>] = [:]
    let decoder = JSONDecoder()
    for line in output.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      do {
        let row = try decoder.decode(OracleRow.self, from: Data(line))
        if row.ok, let symbols = row.symbols {
          results[row.file] = .success(OracleSurface(symbols: symbols, exports: row.exports,
                                                     stars: row.stars ?? []))
        } else {
          results[row.file] = .failure(OracleFailure(message: row.error ?? "unknown error"))
        }
      } catch {
        throw .oracleFailed("unreadable oracle output: \(error)")
      }
    }
    return results
  }

  /// Runs the interpreter with `arguments`, returning its standard output.
  func run(arguments: [String]) throws(ValidationError) -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python] + arguments
    let stdout = Pipe()
    let stderrFile = FileManager.default.temporaryDirectory
      .appendingPathComponent("vmsync-oracle-\(UUID().uuidString).err")
    FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: stderrFile) }
    process.standardOutput = stdout
    process.standardError = try? FileHandle(forWritingTo: stderrFile)
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw .pythonUnavailable("\(error)")
    }
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let message = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
      let lastLine = message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
      if process.terminationStatus == 127 { throw .pythonUnavailable(lastLine) }
      throw .oracleFailed(lastLine)
    }
    return data
  }
}

/// Per-index result slots written from concurrent workers.
private final class UnsafeResults: @unchecked Sendable {
  private var slots: [ModuleSurface?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ surface: ModuleSurface) {
    lock.lock()
    slots[index] = surface
    lock.unlock()
  }

  func get(_ index: Int) -> ModuleSurface? { slots[index] }
}
