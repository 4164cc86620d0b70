import APIModel
import Foundation

/// One accepted finding (`ci/allow.yaml`): a key, or a key glob, with why and until when.
public struct Allowance: Codable, Hashable, Sendable {
  /// A finding key; `*` matches any text.
  public var key: String
  public var reason: String
  /// `YYYY-MM-DD`; from the day after, the entry fails the gate.
  public var expires: String
  /// Where the entry is written: `ci/allow.yaml:4`.
  public var at: String

  public init(key: String, reason: String, expires: String, at: String) {
    self.key = key
    self.reason = reason
    self.expires = expires
    self.at = at
  }

  /// Whether the entry accepts a finding key.
  public func matches(_ findingKey: String) -> Bool {
    key.contains("*") ? fnmatch(key, findingKey, 0) == 0 : key == findingKey
  }

  /// Whether the entry has expired on `today` (`YYYY-MM-DD`).
  public func isExpired(today: String) -> Bool { expires < today }
}

/// The entries of an allowlist file.
public struct Allowlist: Equatable, Sendable {
  public var entries: [Allowance]

  public init(entries: [Allowance] = []) { self.entries = entries }

  /// Reads an allowlist: `allow:` followed by entries with `key`, `reason` and `expires`.
  /// - Throws: ``GateError/invalid(_:at:)`` naming the file and line of the first problem.
  public static func load(from path: String) throws(GateError) -> Allowlist {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .argument("\(path): cannot read the allowlist")
    }
    return try parse(String(decoding: data, as: UTF8.self), file: path)
  }

  public static func parse(_ text: String, file: String) throws(GateError) -> Allowlist {
    let reader = ConfigReader(file: file)
    let root = try reader.compose(text)
    var entries: [Allowance] = []
    for (_, _, value) in try reader.mapping(root, "allowlist", allowed: ["allow"]) {
      guard case .sequence(let items) = value else { throw .invalid("allow: expected a list", at: reader.location(value)) }
      for item in items {
        var fields: [String: String] = [:]
        for (key, _, field) in try reader.mapping(item, "allow entry", allowed: ["key", "reason", "expires"]) {
          fields[key] = try reader.string(field, key)
        }
        let at = reader.location(item)
        for required in ["key", "reason", "expires"] where fields[required] == nil {
          throw .invalid("allow entry without \(required)", at: at)
        }
        let expires = fields["expires"]!
        guard expires.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
          throw .invalid("expires: \(expires) is not a date YYYY-MM-DD", at: at)
        }
        entries.append(Allowance(key: fields["key"]!, reason: fields["reason"]!, expires: expires, at: "\(file):\(at.line)"))
      }
    }
    return Allowlist(entries: entries)
  }
}
