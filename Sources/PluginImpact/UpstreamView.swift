import APIDiff
import APIModel

/// One release's surface, with the look-ups the plugin checks need.
public struct UpstreamView: Sendable {
  /// The release, `v0.11.0`.
  public let release: String
  /// The release as it exists at run time.
  public let surface: ResolvedSurface
  /// Canonical paths by their last component, for the same-name search.
  private let byName: [Substring: [String]]
  /// The top-level package of the release, `vllm`.
  private let package: String

  /// Resolves a snapshot.
  public init(_ snapshot: Snapshot) {
    self.init(ResolvedSurface(snapshot), release: snapshot.release)
  }

  /// Wraps an already resolved surface.
  public init(_ surface: ResolvedSurface, release: String) {
    self.release = release
    self.surface = surface
    var byName: [Substring: [String]] = [:]
    for (path, symbol) in surface.definitions where symbol.kind != .attribute {
      byName[symbol.name, default: []].append(path)
    }
    self.byName = byName
    package = String(surface.definitions.keys.min()?.prefix { $0 != "." } ?? "vllm")
  }

  /// The definition reachable at a dotted path: through aliases and re-exports, and for a
  /// class member, through the class's bases.
  public func lookup(_ path: String) -> Symbol? {
    if let canonical = surface.resolve(path) { return surface.definitions[canonical] }
    guard let dot = path.lastDot else { return nil }
    guard let owner = lookup(String(path[..<dot])), owner.kind == .class else { return nil }
    return member(String(path[path.utf8.index(after: dot)...]), of: owner)
  }

  /// Whether a name declared only under `if TYPE_CHECKING:` is provided at run time by its
  /// module's `__getattr__` (as `vllm.platforms.current_platform` is).
  public func providesLazily(_ path: String) -> Bool {
    guard surface.typeCheckingOnly.contains(path), let dot = path.lastDot else { return false }
    return surface.definitions[path[..<dot] + ".__getattr__"]?.kind == .function
  }

  /// Whether a path is bound at run time to something the snapshot cannot follow: an import
  /// of an outside object (`transformers.BatchFeature`), or of a name its module provides
  /// through `__getattr__`. Such a name exists, but nothing more is known of it.
  public func existsUnfollowed(_ path: String) -> Bool {
    if providesLazily(path) { return true }
    guard let alias = surface.aliases[path], let target = alias.target else { return false }
    return !target.hasPrefix(package + ".") || providesLazily(target)
  }

  /// A class's member by name, looked up in the class, then its bases in order.
  public func member(_ name: String, of cls: Symbol) -> Symbol? {
    for owner in lineage(of: cls) {
      if let found = surface.definitions[owner.path + "." + name] { return found }
    }
    return nil
  }

  /// The class and its ancestors inside the snapshot, nearest first (depth-first by bases,
  /// as Python's MRO is for single inheritance).
  public func lineage(of cls: Symbol) -> [Symbol] {
    var result: [Symbol] = []
    var seen: Set<String> = []
    var stack = [cls]
    while let next = stack.popLast() {
      guard seen.insert(next.path).inserted else { continue }
      result.append(next)
      let bases = surface.qualifiedBases(of: next).compactMap { surface.definitions[$0] }.filter { $0.kind == .class }
      stack += bases.reversed()
    }
    return result
  }

  /// The bases of a class and its ancestors that lie outside the snapshot (`torch.nn.Module`,
  /// `pydantic.BaseModel`), sorted: members may come from them unseen.
  public func externalBases(of cls: Symbol) -> [String] {
    Set(lineage(of: cls).flatMap { surface.qualifiedBases(of: $0) }.filter {
      surface.definitions[$0] == nil && !["object", "ABC", "abc.ABC", "typing.Generic", "typing.Protocol"].contains($0)
    }).sorted()
  }

  /// The abstract methods of a class that no nearer class defines concretely, by name.
  public func abstractMethods(of cls: Symbol) -> [String: Symbol] {
    var decided: Set<String> = []
    var abstract: [String: Symbol] = [:]
    for owner in lineage(of: cls) {
      for path in surface.descendants(of: owner.path) {
        guard let method = surface.definitions[path], method.parentPath == owner.path, method.kind == .method else { continue }
        let name = String(method.name)
        guard decided.insert(name).inserted else { continue }
        if method.decorators?.contains(where: { $0 == "abstractmethod" || $0.hasSuffix(".abstractmethod") }) == true {
          abstract[name] = method
        }
      }
    }
    return abstract
  }

  /// The parameters a call binds to: a function's, or a class's `__init__` without `self`.
  public func callParameters(of symbol: Symbol) -> [Parameter]? {
    switch symbol.kind {
    case .function: return symbol.params
    case .class:
      guard let initializer = member("__init__", of: symbol), let params = initializer.params else { return nil }
      return Array(params.dropFirst())
    default: return nil
    }
  }

  /// A definition elsewhere with the same name (and for members, the same owner name) and
  /// kind, when the choice is clear.
  public func sameNameCandidate(for path: String, kind: SymbolKind?) -> String? {
    let parts = path.split(separator: ".")
    guard let name = parts.last else { return nil }
    let suffix = parts.count >= 3 && kind == .method ? "." + parts.suffix(2).joined(separator: ".") : "." + name
    let candidates = (byName[name] ?? []).filter { candidate in
      candidate.hasSuffix(suffix) && candidate != path
        && (kind == nil || surface.definitions[candidate]?.kind == kind)
    }
    guard !candidates.isEmpty else { return nil }
    // Prefer the candidate sharing the longest module prefix; a tie means no clear choice.
    func shared(_ candidate: String) -> Int {
      zip(candidate.split(separator: "."), parts).prefix { $0 == $1 }.count
    }
    let ranked = candidates.map { ($0, shared($0)) }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
    if ranked.count > 1, ranked[0].1 == ranked[1].1 { return nil }
    return ranked[0].0
  }
}
