import APIDiff

/// The words for one change detail, as rich text: `removed `x``, `added required `y: int``.
/// Long source texts are clipped for reading; the JSON report keeps them whole.
enum DetailText {
  static let longest = 160

  /// Members listed at most before "and N more".
  static let listedMembers = 40

  /// One line per detail, except that the members a module or class took along (or brought)
  /// share one line.
  static func lines(_ details: [ChangeDetail]) -> [[RichText]] {
    let members = details.filter { $0.kind == .memberRemoved || $0.kind == .memberAdded }
    var lines = details.filter { $0.kind != .memberRemoved && $0.kind != .memberAdded }.map(render)
    guard !members.isEmpty else { return lines }
    var line: [RichText] = [.plain("public symbols: ")]
    for (i, member) in members.prefix(listedMembers).enumerated() {
      if i > 0 { line.append(.plain(", ")) }
      line.append(.code(member.name ?? ""))
    }
    if members.count > listedMembers { line.append(.plain(" and \(members.count - listedMembers) more")) }
    lines.append(line)
    return lines
  }

  static func render(_ d: ChangeDetail) -> [RichText] {
    let name = d.name ?? ""
    var parts: [RichText]
    switch d.kind {
    case .parameterRemoved: parts = [.plain("removed "), .code(d.old ?? name)]
    case .requiredParameterAdded: parts = [.plain("added required "), .code(d.new ?? name)]
    case .optionalParameterAdded: parts = [.plain("added optional "), .code(d.new ?? name)]
    case .parameterRenamed: parts = [.plain("renamed "), .code(d.old ?? name), .plain(" → "), .code(d.new ?? "")]
    case .parameterReordered:
      parts = [.plain("moved "), .code(name), .plain(" from position \(d.old ?? "?") to \(d.new ?? "?")")]
    case .parameterKindChanged:
      parts = [.code(name), .plain(" \(d.old ?? "?") → \(d.new ?? "?")")]
    case .parameterNowRequired: parts = [.code(name), .plain(" lost its default "), .code(d.old ?? "")]
    case .parameterDefaultChanged, .parameterAnnotationChanged, .annotationChanged, .keyChanged:
      let what = d.kind == .parameterDefaultChanged ? "default of " : d.kind == .keyChanged ? "" : "annotation of "
      parts = [.plain(what), .code(name), .plain(": ")] + change(d.old, d.new)
    case .returnAnnotationChanged: parts = [.plain("returns: ")] + change(d.old, d.new)
    case .decoratorAdded: parts = [.plain("decorator added "), .code("@" + name)]
    case .decoratorRemoved: parts = [.plain("decorator removed "), .code("@" + name)]
    case .baseRemoved: parts = [.plain("base removed "), .code(name)]
    case .baseAdded: parts = [.plain("base added "), .code(name)]
    case .keyAdded: parts = [.plain("key added "), .code(name)]
    case .keyRemoved: parts = [.plain("key removed "), .code(name)]
    case .itemAdded: parts = [.plain("item added "), .code(name)]
    case .itemRemoved: parts = [.plain("item removed "), .code(name)]
    case .memberRemoved, .memberAdded: parts = [.code(name)]
    }
    parts = parts.map(clip)
    if d.isBreaking && d.kind != .memberRemoved { parts.append(.plain(" (breaking)")) }
    if let note = d.note { parts.append(.plain(" — ")); parts += RichText.parse(note) }
    return parts
  }

  private static func change(_ old: String?, _ new: String?) -> [RichText] {
    [old.map(RichText.code) ?? .plain("none"), .plain(" → "), new.map(RichText.code) ?? .plain("none")]
  }

  private static func clip(_ part: RichText) -> RichText {
    guard case .code(let text) = part, text.count > longest else { return part }
    return .code(String(text.prefix(longest)) + "…")
  }
}
