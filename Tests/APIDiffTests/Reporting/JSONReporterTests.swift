import APIDiff
import APIModel
import Foundation
import Reporting
import Testing

@Suite struct JSONReporterTests {
  func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func diffDocumentHasTheSchemaAndEveryChangeField() throws {
    let doc = try object(JSONReporter().render(ReportFixtures.hostile))
    #expect(doc["schema"] as? String == "vmsync.diff/1")
    #expect(doc["from"] as? String == "v0.9.1" && doc["to"] as? String == "v0.11.0")
    let changes = try #require(doc["changes"] as? [[String: Any]])
    let keys: Set = ["path", "change", "rule", "symbol_kind", "breaking", "breaks_callers", "breaks_subclasses",
                     "new_path", "old", "new", "summary", "details"]
    for change in changes { #expect(Set(change.keys) == keys) }
    let removal = try #require(changes.first { $0["change"] as? String == "removed" })
    #expect(removal["new"] is NSNull && removal["new_path"] is NSNull)
    #expect((removal["old"] as? [String: Any])?["line"] as? Int == 1)
    let signature = try #require(changes.first { $0["change"] as? String == "signature" })
    let details = try #require(signature["details"] as? [[String: Any]])
    #expect(details.allSatisfy { Set($0.keys) == ["kind", "name", "old", "new", "breaking", "note"] })
    #expect(details.contains { $0["kind"] as? String == "parameter-removed" && $0["new"] is NSNull })
    let summary = try #require(doc["summary"] as? [String: Any])
    #expect(summary["total"] as? Int == 2)
    #expect(((summary["by_change"] as? [String: Any])?["signature"] as? [String: Int])?["breaking"] == 1)
  }

  @Test func outputIsDeterministicWithSortedKeys() {
    let a = JSONReporter().render(ReportFixtures.hostile)
    #expect(a == JSONReporter().render(ReportFixtures.hostile))
    let keyOrder = ["\"breaking\"", "\"breaks_callers\"", "\"breaks_subclasses\"", "\"change\"", "\"details\""]
    let positions = keyOrder.compactMap { a.range(of: $0)?.lowerBound }
    #expect(positions == positions.sorted() && positions.count == keyOrder.count)
    #expect(!JSONReporter(pretty: false).render(ReportFixtures.hostile).contains("\n"))
  }

  @Test func snapshotDocumentWritesExplicitNullsAndReadsBack() throws {
    let release = snap("v0.11.0") {
      module("vllm.config") { fn("f", "self, x: int, y=None, *args, **kw", returns: "None"); alias("torch", "torch") }
    }
    let text = JSONReporter().render(release)
    let doc = try object(text)
    #expect(doc["schema"] as? String == "vmsync.snapshot/1")
    let symbols = try #require((doc["modules"] as? [[String: Any]])?.first?["symbols"] as? [[String: Any]])
    let f = try #require(symbols.first { $0["path"] as? String == "vllm.config.f" })
    for key in ["path", "kind", "file", "line", "params", "returns", "bases", "decorators", "target", "body_hash"] {
      #expect(f[key] != nil, "missing \(key)")
    }
    let params = try #require(f["params"] as? [[String: Any]])
    #expect(params.map { $0["kind"] as? String } == ["positional-or-keyword", "positional-or-keyword",
                                                     "positional-or-keyword", "var-positional", "var-keyword"])
    #expect(params[0]["default"] is NSNull && params[0]["annotation"] is NSNull)
    #expect(params[1]["annotation"] as? String == "int")
    #expect(params[2]["default"] as? String == "None")
    #expect(f["target"] is NSNull && f["bases"] is NSNull)
    let decoded = try JSONDecoder().decode(Snapshot.self, from: Data(text.utf8))
    #expect(decoded == release)
  }

  @Test func snapshotWithHostileTextDecodesBackEqual() throws {
    let symbol = Symbol(
      path: "vllm.m.f", kind: .function, file: "vllm/m.py", line: 7,
      params: [Parameter(name: "x", kind: .keywordOnly, default: "\"a\\b\"\n\t\u{1}\u{1F}", annotation: "Dict[str, \"é/ü\"]"),
               Parameter(name: "rest", kind: .varKeyword)],
      returns: "None", bases: nil, decorators: ["lru_cache(maxsize=2)"], target: nil, bodyHash: "00ff",
      value: "{\"k\": '\u{8}\u{C}\r'}", annotation: nil, isAsync: true, conditions: [.typeChecking, .version])
    let module = ModuleSurface(
      module: "vllm.m", file: "vllm/m.py", symbols: [symbol, Symbol(path: "vllm.m.X", kind: .attribute, file: "vllm/m.py", line: -3)],
      exports: ["f", "日本"], starImports: [],
      diagnostics: [Diagnostic(.warning, "bad \"token\" \u{0}", at: SourceLocation(file: "vllm/m.py", line: 2, column: 5))])
    let release = Snapshot(release: "v1", commit: nil, modules: [module, ModuleSurface(module: "vllm", file: "vllm/__init__.py", symbols: [])])
    let text = JSONReporter().render(release)
    #expect(try JSONDecoder().decode(Snapshot.self, from: Data(text.utf8)) == release)
    #expect(try JSONDecoder().decode(Snapshot.self, from: Data(JSONReporter(pretty: false).encode(release))) == release)
    #expect(text.contains("\\u0001") && text.contains("\\u001f") && text.contains("\\b") && text.contains("\\f"))
    #expect(text.contains("é/ü") && text.contains("日本"))
    // One line per module header and per symbol, between the document's first and last lines.
    #expect(text.split(separator: "\n").count == 2 + 2 + 2)
  }

  @Test func diffDocumentMatchesFoundationsParse() throws {
    let bytes = JSONReporter().encode(ReportFixtures.hostile)
    #expect(String(decoding: bytes, as: UTF8.self) == JSONReporter().render(ReportFixtures.hostile))
    let doc = try object(String(decoding: bytes, as: UTF8.self))
    let changes = try #require(doc["changes"] as? [[String: Any]])
    #expect(changes.map { $0["path"] as? String } == ReportFixtures.hostile.changes.map(\.path))
    #expect(changes.map { $0["summary"] as? String } == ReportFixtures.hostile.changes.map(\.summary))
    let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    #expect(lines.count == ReportFixtures.hostile.changes.count + 2)
  }
}
