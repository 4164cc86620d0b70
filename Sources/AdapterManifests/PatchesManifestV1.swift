import APIModel
import Foundation

/// The plugin's dependencies on one vLLM revision (`adapters/<revision>/patches.yaml`), with
/// inherited entries already merged in.
public struct PatchesManifestV1: Sendable, Equatable {
  /// The schema name in the header of every file.
  public static let schema = "vmsync.patches/1"
  /// The file name inside a revision's directory.
  public static let fileName = "patches.yaml"

  /// The vLLM revision, `v0.11.0`.
  public var revision: String
  /// The revision this one inherits entries from, as written in its file.
  public var inherits: String?
  /// The plugin's top-level package, `vllm_mindspore`, when recorded.
  public var package: String?
  /// The inheritance chain, this revision first (just this revision for an unmerged file).
  public var chain: [String]
  /// Every entry, sorted by ``PatchEntry/Key``.
  public var entries: [PatchEntry]

  /// Creates a manifest; entries are sorted.
  public init(revision: String, inherits: String? = nil, package: String? = nil, chain: [String]? = nil,
              entries: [PatchEntry]) {
    self.revision = revision
    self.inherits = inherits
    self.package = package
    self.chain = chain ?? [revision]
    self.entries = entries.sorted { $0.key < $1.key }
  }
}

/// One dependency of the plugin on an upstream symbol, as recorded when last verified.
public struct PatchEntry: Hashable, Sendable {
  /// How the plugin depends on the upstream symbol.
  public enum Kind: String, Sendable, CaseIterable {
    /// A plugin object assigned over the upstream one.
    case replace
    /// A replacement built from the upstream original.
    case wrap
    /// A plugin class deriving from the upstream class.
    case subclass
    /// An upstream name imported by plugin code.
    case `import`
  }

  /// What a `replace` entry replaces.
  public enum Replaced: String, Sendable, CaseIterable {
    case function, method, `class`, attribute, module
  }

  /// The state of the entry as last reviewed.
  public enum Status: String, Sendable, CaseIterable {
    /// Checked clean against the revision.
    case verified
    /// A finding is recorded and awaits a person.
    case needsReview = "needs-review"
    /// Known not to work at this revision.
    case broken
  }

  /// What identifies an entry across revisions: inheritance replaces entries by key.
  public struct Key: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: Kind
    public var upstream: String
    public var plugin: String

    /// Creates a key; `plugin` is empty when the entry names none.
    public init(kind: Kind, upstream: String, plugin: String) {
      self.kind = kind
      self.upstream = upstream
      self.plugin = plugin
    }

    public static func < (a: Key, b: Key) -> Bool {
      (a.upstream, a.kind.rawValue, a.plugin) < (b.upstream, b.kind.rawValue, b.plugin)
    }

    public var description: String { "\(kind.rawValue) \(upstream) (\(plugin.isEmpty ? "-" : plugin))" }
  }

  /// A method the plugin's subclass defines.
  public struct Override: Hashable, Sendable {
    /// The method name, `forward`.
    public var name: String
    /// The upstream base's signature of that method when verified; nil when the base has none.
    public var signature: String?

    /// Creates an override.
    public init(name: String, signature: String?) {
      self.name = name
      self.signature = signature
    }
  }

  public var kind: Kind
  /// `replace` only: what kind of upstream object is replaced.
  public var replaces: Replaced?
  /// The dotted upstream path as the plugin writes it.
  public var upstream: String
  /// The dotted plugin path of the replacement, subclass or importing module.
  public var plugin: String?
  /// Where in the plugin (file relative to the plugin root, line).
  public var at: SourceLocation?
  /// Version gates, as written: `== 0.9.1`; all must hold.
  public var lane: [String]?
  /// The upstream parameters when verified, as source text: `(self, x: int, y=None)`.
  public var signature: String?
  /// The upstream body fingerprint when verified.
  public var bodyHash: String?
  /// `subclass` only: the methods the plugin class defines, sorted by name.
  public var overrides: [Override]?
  /// The upstream path this entry had in the inherited revision; the inherited entry is dropped.
  public var movedFrom: String?
  /// The state as last reviewed.
  public var status: Status
  /// Free text, kept across regeneration.
  public var note: String?
  /// Findings recorded with the entry, each `id: message`.
  public var findings: [String]
  /// The revision whose file defines the entry (not written).
  public var definedIn: String?
  /// Where the entry starts in its manifest (not written).
  public var location: SourceLocation?

  /// Creates an entry.
  public init(
    kind: Kind, replaces: Replaced? = nil, upstream: String, plugin: String? = nil, at: SourceLocation? = nil,
    lane: [String]? = nil, signature: String? = nil, bodyHash: String? = nil, overrides: [Override]? = nil,
    movedFrom: String? = nil, status: Status = .verified, note: String? = nil, findings: [String] = [],
    definedIn: String? = nil, location: SourceLocation? = nil
  ) {
    self.kind = kind
    self.replaces = replaces
    self.upstream = upstream
    self.plugin = plugin
    self.at = at
    self.lane = lane
    self.signature = signature
    self.bodyHash = bodyHash
    self.overrides = overrides
    self.movedFrom = movedFrom
    self.status = status
    self.note = note
    self.findings = findings
    self.definedIn = definedIn
    self.location = location
  }

  /// The entry's identity.
  public var key: Key { Key(kind: kind, upstream: upstream, plugin: plugin ?? "") }

  /// The ids of the recorded findings (the text before the first `:`).
  public var findingIDs: Set<String> {
    Set(findings.map { String($0.prefix { $0 != ":" }).trimmingCharacters(in: .whitespaces) })
  }

  /// The entry as written: equal when everything a file records is equal.
  public var recorded: PatchEntry {
    var copy = self
    copy.definedIn = nil
    copy.location = nil
    return copy
  }
}
