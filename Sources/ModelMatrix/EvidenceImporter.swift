import APIModel
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Yams

/// A rule of `adapters/evidence.yaml`: a regex on a test's `classname.name` → an architecture
/// and optionally a feature column.
public struct EvidenceRule: Sendable {
  public var pattern: NSRegularExpression
  public var architecture: String
  public var column: String
  public var location: SourceLocation
}

/// Imports JUnit XML (pytest `--junitxml`) results of on-device runs as matrix evidence.
public struct EvidenceImporter: Sendable {
  public var rules: [EvidenceRule]

  /// Loads `adapters/evidence.yaml` (`vmsync.evidence/1`):
  /// `rules: [{match: REGEX, architecture: NAME, feature: COLUMN?}]`.
  /// - Parameter known: the architectures a rule may name.
  /// - Throws: `MatrixError` naming file:line for a bad regex, architecture or feature.
  public static func loadRules(from path: String, known: Set<String>) throws(MatrixError) -> EvidenceImporter {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw .unreadable(path: path, reason: "no such file or not UTF-8")
    }
    let root: Node?
    do { root = try Yams.compose(yaml: text) } catch {
      throw .malformed(reason: "not YAML: \(error)", at: SourceLocation(file: path, line: 1))
    }
    func at(_ node: Node) -> SourceLocation { SourceLocation(file: path, line: node.mark?.line ?? 1) }
    guard let root, let mapping = root.mapping else {
      throw .malformed(reason: "expected a mapping with 'schema' and 'rules'", at: SourceLocation(file: path, line: 1))
    }
    let schema = mapping["schema"]?.string ?? ""
    guard schema == "vmsync.evidence/1" else {
      throw .unsupportedSchema(schema, expected: "vmsync.evidence/1", at: at(mapping["schema"] ?? root))
    }
    guard let list = mapping["rules"]?.sequence else {
      throw .malformed(reason: "'rules' must be a list", at: at(root))
    }
    var rules: [EvidenceRule] = []
    for item in list {
      guard let rule = item.mapping, let match = rule["match"]?.string, let architecture = rule["architecture"]?.string
      else { throw .malformed(reason: "a rule needs 'match' and 'architecture'", at: at(item)) }
      guard let pattern = try? NSRegularExpression(pattern: match) else {
        throw .malformed(reason: "'match' is not a valid regular expression", at: at(rule["match"] ?? item))
      }
      guard known.contains(architecture) else { throw .unknownArchitecture(architecture, at: at(rule["architecture"] ?? item)) }
      let column = rule["feature"]?.string ?? "model"
      guard MatrixColumn.named(column) != nil else { throw .unknownFeature(column, at: at(rule["feature"] ?? item)) }
      rules.append(EvidenceRule(pattern: pattern, architecture: architecture, column: column, location: at(item)))
    }
    return EvidenceImporter(rules: rules)
  }

  /// The evidence of one JUnit XML file: each test case that a rule matches, with the run's
  /// revision (the `vllm_revision` property, else `revision`) and timestamp.
  /// - Throws: `MatrixError.malformed` with the file and line of the first XML error.
  public func evidence(inJUnit path: String, revision fallback: String?) throws(MatrixError) -> [MappedEvidence] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .unreadable(path: path, reason: "no such file")
    }
    let reader = JUnitReader()
    let parser = XMLParser(data: data)
    parser.delegate = reader
    let parsed = parser.parse()
    if let failure = reader.failure ?? (parsed ? nil : (parser.lineNumber, "\(parser.parserError.map { "\($0)" } ?? "parse error")")) {
      throw .malformed(reason: "malformed JUnit XML: \(failure.1)", at: SourceLocation(file: path, line: max(failure.0, 1)))
    }
    if !reader.stack.isEmpty {
      throw .malformed(reason: "malformed JUnit XML: unclosed element", at: SourceLocation(file: path, line: max(parser.lineNumber, 1)))
    }
    if reader.sawNoSuite {
      throw .malformed(reason: "not JUnit XML: no <testsuite> element", at: SourceLocation(file: path, line: 1))
    }
    let revision = reader.properties["vllm_revision"] ?? reader.properties["revision"] ?? fallback
    var result: [MappedEvidence] = []
    for test in reader.cases {
      let id = test.className.isEmpty ? test.name : "\(test.className).\(test.name)"
      let range = NSRange(id.startIndex..., in: id)
      for rule in rules where rule.pattern.firstMatch(in: id, range: range) != nil {
        result.append(MappedEvidence(
          architecture: rule.architecture, column: rule.column,
          evidence: Evidence(
            kind: .device, passed: test.passed, detail: id, revision: revision, date: reader.timestamp,
            source: "\(path):\(test.line)")))
      }
    }
    return result
  }
}

/// SAX reader of JUnit XML: test cases with their outcome and line, suite properties and timestamp.
final class JUnitReader: NSObject, XMLParserDelegate {
  struct Case {
    var className: String
    var name: String
    var line: Int
    var passed = true
  }

  var cases: [Case] = []
  var properties: [String: String] = [:]
  var timestamp: String?
  var sawNoSuite = true
  /// The first parse error: line and message.
  var failure: (Int, String)?
  /// Elements opened and not yet closed; the parser does not always report a mismatch itself.
  var stack: [String] = []

  func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
    if failure == nil { failure = (parser.lineNumber, (error as NSError).localizedDescription) }
  }

  func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
    guard stack.last == element else {
      if failure == nil { failure = (parser.lineNumber, "</\(element)> does not close <\(stack.last ?? "")>") }
      parser.abortParsing()
      return
    }
    stack.removeLast()
  }

  func parser(
    _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    stack.append(element)
    switch element {
    case "testsuite", "testsuites":
      sawNoSuite = false
      if timestamp == nil { timestamp = attributes["timestamp"] }
    case "testcase":
      cases.append(Case(className: attributes["classname"] ?? "", name: attributes["name"] ?? "", line: parser.lineNumber))
    case "failure", "error", "skipped":
      if !cases.isEmpty { cases[cases.count - 1].passed = false }
    case "property":
      if let name = attributes["name"], let value = attributes["value"] { properties[name] = value }
    default: break
    }
  }
}
