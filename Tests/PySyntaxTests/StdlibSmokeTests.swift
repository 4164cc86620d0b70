import APIExtraction
import APIModel
import Foundation
import Testing

/// The local CPython standard library, when one can be found.
enum LocalStdlib {
  static let root: URL? = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: path + "/os.py") else { return nil }
    return URL(fileURLWithPath: path)
  }()

  /// Files meant to be broken (Python 2 grammar samples, bad encodings, bad syntax tests).
  static func isDeliberatelyBroken(_ file: String) -> Bool {
    let name = (file as NSString).lastPathComponent
    return file.hasPrefix("lib2to3/tests/data/") || name.hasPrefix("badsyntax_") || name.hasPrefix("bad_coding")
  }

  /// Repository-relative `.py` files of the standard library, without site-packages.
  static func files(under root: URL) -> [String] {
    var files: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root.path)
    while let file = enumerator?.nextObject() as? String {
      if file.hasPrefix("site-packages") {
        enumerator?.skipDescendants()
        continue
      }
      if file.hasSuffix(".py"), !isDeliberatelyBroken(file) { files.append(file) }
    }
    return files.sorted()
  }
}

@Suite struct StdlibSmokeTests {
  @Test(.enabled(if: LocalStdlib.root != nil, "no local CPython standard library"))
  func everyStdlibFileParsesWithoutDiagnostics() throws {
    let root = try #require(LocalStdlib.root)
    let files = LocalStdlib.files(under: root)
    #expect(files.count > 500)
    var diagnostics: [String] = []
    var definitions = 0
    for file in files {
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else { continue }
      let bytes = [UInt8](data)
      let surface = try #require(extractModule(source: bytes, file: file))
      diagnostics += surface.diagnostics.map(\.description)
      definitions += surface.symbols.count
    }
    #expect(diagnostics.prefix(20) == [], "\(diagnostics.count) problems")
    #expect(definitions > 10_000)
  }
}
