import APIModel
import Foundation
import GitReleases
import YAMLDocument
import Yams

/// What `upstream/releases.yaml` says: where the package lives in a release and which
/// releases are tracked, oldest first.
///
/// ```yaml
/// schema: 1
/// package-root: vllm/
/// tag-pattern: "v*"
/// releases: [v0.6.6.post1, v0.7.3]
/// ```
/// Missing keys take their defaults; `releases` is required.
public struct UpstreamConfiguration: Hashable, Sendable {
  /// The highest `schema` this version of vmsync reads.
  public static let highestSupportedSchema = 1

  /// The package directory inside a release, `vllm/`.
  public var packageRoot: String
  /// The `fnmatch` glob release tags match, `v*`.
  public var tagPattern: String
  /// The tracked release tags, oldest first.
  public var releases: [String]

  public init(packageRoot: String = "vllm/", tagPattern: String = "v*", releases: [String]) {
    self.packageRoot = packageRoot
    self.tagPattern = tagPattern
    self.releases = releases
  }

  /// Reads and validates a releases file.
  /// - Parameter url: the file.
  /// - Throws: `UpstreamError` with the file, line and column of the problem.
  public static func load(from url: URL) throws(UpstreamError) -> UpstreamConfiguration {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw UpstreamError(.io(path: url.path, reason: "cannot read file"))
    }
    return try parse(String(decoding: data, as: UTF8.self), file: url.path)
  }

  /// Validates the text of a releases file.
  /// - Parameters:
  ///   - text: the YAML.
  ///   - file: the file name used in errors.
  public static func parse(_ text: String, file: String) throws(UpstreamError) -> UpstreamConfiguration {
    func fail(_ reason: String, _ node: Node?) -> UpstreamError {
      let mark = node?.mark
      return UpstreamError(
        .invalidConfiguration(reason: reason, at: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)))
    }
    let root: Node
    do throws(YAMLDocument.SyntaxError) {
      root = try YAMLDocument.compose(text, file: file)
    } catch {
      throw UpstreamError(.invalidConfiguration(reason: "invalid YAML: \(error.problem)", at: error.location))
    }
    guard let mapping = root.mapping else { throw fail("expected a mapping with a 'releases' list", root) }

    var configuration = UpstreamConfiguration(releases: [])
    var sawReleases = false
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else { throw fail("keys must be strings", keyNode) }
      switch key {
      case "schema":
        guard let schema = value.int else { throw fail("'schema' must be an integer", value) }
        guard (1...highestSupportedSchema).contains(schema) else {
          throw fail("schema \(schema) is not supported (highest: \(highestSupportedSchema))", value)
        }
      case "package-root":
        guard let root = value.scalar?.string, !root.isEmpty, !root.hasPrefix("/"), !root.split(separator: "/").contains("..")
        else { throw fail("'package-root' must be a relative directory such as 'vllm/'", value) }
        configuration.packageRoot = root.hasSuffix("/") ? root : root + "/"
      case "tag-pattern":
        guard let pattern = value.scalar?.string, !pattern.isEmpty else { throw fail("'tag-pattern' must be a glob", value) }
        configuration.tagPattern = pattern
      case "releases":
        guard let list = value.sequence else { throw fail("'releases' must be a list of tags", value) }
        sawReleases = true
        var previous: (tag: String, version: ReleaseVersion)?
        for item in list {
          guard let tag = item.scalar?.string, let version = ReleaseVersion(tag) else {
            throw fail("'\(item.string ?? "")' is not a release tag (PEP 440 version)", item)
          }
          if let previous, !(previous.version < version) {
            throw fail("releases must be listed oldest first, without repeats: '\(tag)' follows '\(previous.tag)'", item)
          }
          previous = (tag, version)
          configuration.releases.append(tag)
        }
      default:
        throw fail("unknown key '\(key)' (expected schema, package-root, tag-pattern, releases)", keyNode)
      }
    }
    guard sawReleases else { throw fail("missing 'releases' list", root) }
    return configuration
  }
}
