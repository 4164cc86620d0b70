import APIModel

/// Writes a `patches.yaml` deterministically: entries sorted by key, keys in a fixed order,
/// no timestamps; the text loads back to the same entries.
public enum PatchesManifestWriter {
  /// The YAML text of a manifest file.
  /// - Parameter manifest: The file's own entries (not the merged chain).
  /// - Returns: The whole file.
  public static func render(_ manifest: PatchesManifestV1) -> String {
    var lines = [
      "# vLLM-plugin dependencies on upstream at \(manifest.revision); see docs/adapters.md.",
      "schema: \(scalar(PatchesManifestV1.schema))",
      "revision: \(scalar(manifest.revision))",
    ]
    if let inherits = manifest.inherits { lines.append("inherits: \(scalar(inherits))") }
    if let package = manifest.package { lines.append("package: \(scalar(package))") }
    let entries = manifest.entries.sorted { $0.key < $1.key }
    if entries.isEmpty {
      lines.append("patches: []")
    } else {
      lines.append("patches:")
      for entry in entries { lines += entryLines(entry) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func entryLines(_ entry: PatchEntry) -> [String] {
    var lines = ["  - kind: \(entry.kind.rawValue)"]
    func add(_ key: String, _ value: String?) {
      if let value { lines.append("    \(key): \(scalar(value))") }
    }
    add("replaces", entry.replaces?.rawValue)
    add("upstream", entry.upstream)
    add("plugin", entry.plugin)
    add("at", entry.at.map { "\($0.file):\($0.line)" })
    if let lane = entry.lane {
      lines.append("    lane: [\(lane.map(scalar).joined(separator: ", "))]")
    }
    add("signature", entry.signature)
    add("body_hash", entry.bodyHash)
    if let overrides = entry.overrides {
      if overrides.isEmpty {
        lines.append("    overrides: {}")
      } else {
        lines.append("    overrides:")
        for item in overrides.sorted(by: { $0.name < $1.name }) {
          lines.append("      \(scalar(item.name)): \(item.signature.map(scalar) ?? "null")")
        }
      }
    }
    add("moved_from", entry.movedFrom)
    add("status", entry.status.rawValue)
    add("note", entry.note)
    if !entry.findings.isEmpty {
      lines.append("    finding:")
      for finding in entry.findings { lines.append("      - \(scalar(finding))") }
    }
    return lines
  }

  private static let reserved: Set<String> = [
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~",
  ]

  /// A plain scalar when it cannot be read as anything but that string, else double-quoted.
  static func scalar(_ text: String) -> String {
    let plainCharacters = text.unicodeScalars.allSatisfy {
      ($0.value < 128 && ($0.properties.isAlphabetic || $0.properties.numericType != nil)) || "_./-".unicodeScalars.contains($0)
        || $0 == ":"
    }
    if let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_", plainCharacters,
       !text.hasSuffix(":"), !text.contains(": "), !reserved.contains(text.lowercased())
    {
      return text
    }
    var quoted = "\""
    for character in text.unicodeScalars {
      switch character {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      case "\r": quoted += "\\r"
      default:
        if character.value < 0x20 || character.value == 0x7F {
          quoted += "\\x" + String(character.value, radix: 16).leftPadded(to: 2)
        } else {
          quoted.unicodeScalars.append(character)
        }
      }
    }
    return quoted + "\""
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
