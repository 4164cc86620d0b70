/// Where a patch helper finds one of its values: an argument position, a keyword, or both
/// (`update_modules("vllm.x", m)` and `update_modules(name="vllm.x", module=m)`).
public struct ArgumentSlot: Hashable, Sendable, Codable {
  /// 0-based position among the positional arguments.
  public var position: Int?
  /// Keyword name.
  public var keyword: String?

  public init(position: Int? = nil, keyword: String? = nil) {
    self.position = position
    self.keyword = keyword
  }
}

/// A plugin function or decorator that patches upstream through its arguments.
public struct PatchHelper: Hashable, Sendable, Codable {
  /// Whether the helper is called as a statement or applied as a decorator.
  public enum Form: String, Hashable, Sendable, Codable, CaseIterable {
    /// `update_modules("vllm.x", replacement)`.
    case call
    /// `@patch("vllm.x", "Cls.meth")` over the replacement `def` or `class`.
    case decorator
  }

  /// The called name; matched against the last component of the callee (`utils.update_modules` too).
  public var name: String
  public var form: Form
  /// `.module`, `.replace` or `.wrap`.
  public var kind: ReferenceKind
  /// The upstream target: a string literal (`"vllm.x.A"`) or an expression naming an upstream object.
  public var target: ArgumentSlot
  /// A string literal appended to the target with a dot when passed (`"Cls.meth"`).
  public var attribute: ArgumentSlot?
  /// Call form: the replacement value. Decorators replace with the decorated definition.
  public var replacement: ArgumentSlot?

  public init(
    name: String, form: Form = .call, kind: ReferenceKind = .replace, target: ArgumentSlot,
    attribute: ArgumentSlot? = nil, replacement: ArgumentSlot? = nil
  ) {
    self.name = name
    self.form = form
    self.kind = kind
    self.target = target
    self.attribute = attribute
    self.replacement = replacement
  }
}

/// A plugin function that tests the upstream version: `vllm_version_is("0.9.1")` means `== 0.9.1`.
public struct VersionHelper: Hashable, Sendable, Codable {
  public var name: String
  /// The comparison the call stands for: one of `==`, `!=`, `<`, `<=`, `>`, `>=`.
  public var op: String

  public init(name: String, op: String = "==") {
    self.name = name
    self.op = op
  }
}

/// What the plugin scanner treats as upstream and which plugin spellings it understands.
public struct ScanConfiguration: Hashable, Sendable, Codable {
  /// The upstream top-level package whose symbols the plugin depends on.
  public var upstreamPackage: String
  /// Patch helpers and decorators naming their targets in arguments.
  public var helpers: [PatchHelper]
  /// Functions testing the upstream version, for version lanes.
  public var versionHelpers: [VersionHelper]

  public init(upstreamPackage: String = "vllm", helpers: [PatchHelper] = [], versionHelpers: [VersionHelper] = []) {
    self.upstreamPackage = upstreamPackage
    self.helpers = helpers
    self.versionHelpers = versionHelpers
  }

  /// vLLM with the helpers of vLLM-MindSpore (`update_modules`), vllm-ascend
  /// (`vllm_version_is`) and the `@patch` / `@register_patch` registries of other plugins.
  public static let `default` = ScanConfiguration(
    upstreamPackage: "vllm",
    helpers: [
      PatchHelper(
        name: "update_modules", kind: .module, target: ArgumentSlot(position: 0, keyword: "name"),
        replacement: ArgumentSlot(position: 1, keyword: "module")),
      PatchHelper(
        name: "patch", form: .decorator, target: ArgumentSlot(position: 0),
        attribute: ArgumentSlot(position: 1)),
      PatchHelper(name: "register_patch", form: .decorator, target: ArgumentSlot(position: 0)),
    ],
    versionHelpers: [VersionHelper(name: "vllm_version_is", op: "==")])
}
