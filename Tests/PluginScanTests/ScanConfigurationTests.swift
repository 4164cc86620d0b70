import APIModel
import Foundation
import PluginScan
import Testing

@Suite struct ScanConfigurationTests {
  func load(_ yaml: String) throws -> ScanConfiguration {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("scan-\(UUID().uuidString).yaml")
    try Data(yaml.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try ScanConfiguration.load(from: url)
  }

  /// The line of the error loading `yaml`, and its message.
  func failure(_ yaml: String) throws -> (line: Int, message: String) {
    do {
      _ = try load(yaml)
    } catch let error as ScanError {
      let text = error.description
      let location = text.split(separator: ":")
      return (Int(location[1]) ?? 0, text)
    }
    Issue.record("expected an error")
    return (0, "")
  }

  @Test func defaultsAreKeptAndExtended() throws {
    let configuration = try load("""
      upstream_package: vllm
      helpers:
        - name: hook
          form: decorator
          target: 0
      version_helpers:
        - {name: vllm_at_least, op: ">="}
      """)
    #expect(configuration.helpers.map(\.name) == ["update_modules", "patch", "register_patch", "hook"])
    #expect(configuration.helpers.last == PatchHelper(name: "hook", form: .decorator, target: ArgumentSlot(position: 0)))
    #expect(configuration.versionHelpers.map(\.op) == ["==", ">="])
  }

  @Test(arguments: [
    ("helpers:\n  - name: x\n    target: 0\n    colour: red\n", 4, "unknown key 'colour'"),
    ("helpers:\n  - name: x\n", 2, "missing key 'target'"),
    ("helpers:\n  - name: x\n    target: 0\n    kind: import\n", 4, "expected replace, wrap or module"),
    ("version_helpers:\n  - name: v\n    op: \"~=\"\n", 3, "expected one of"),
    ("upstream_package: [1]\n", 1, "expected a non-empty string"),
    ("helpers: {a: 1\n", 2, "invalid YAML"),
    ("helpers:\n  - name: x\n    form: decorator\n    target: 0\n    replacement: 1\n", 2, "decorated definition"),
  ])
  func errorsNameFileAndLine(yaml: String, line: Int, message: String) throws {
    let (actualLine, text) = try failure(yaml)
    #expect(actualLine == line, "\(text)")
    #expect(text.contains(message), "\(text)")
    #expect(text.contains(".yaml:"))
  }

  @Test func unreadableFile() throws {
    let url = URL(fileURLWithPath: "/nonexistent/scan.yaml")
    #expect(throws: ScanError.self) { try ScanConfiguration.load(from: url) }
  }
}
