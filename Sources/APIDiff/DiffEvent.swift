import APIModel

/// What the walker found for one path; rules classify events and never walk surfaces.
/// The payloads are classes so that handing an event to every rule copies no symbols.
public enum DiffEvent: Sendable {
  /// The same object in both releases, possibly at a new path.
  case paired(SymbolPair)
  /// A definition that no longer exists, with the public members it took along.
  case removed(Presence)
  /// A definition that did not exist, with its public members.
  case added(Presence)
  /// A definition now at another path.
  case moved(Move)
  /// An exported alias that no longer imports anything.
  case aliasRemoved(AliasChange)
  /// An exported alias that imports something not importable there before.
  case aliasAdded(AliasChange)
  /// An exported alias to an external object that now names another external object.
  case aliasRetargeted(AliasChange)
}

/// An object in both releases.
public final class SymbolPair: Sendable {
  public let old: Symbol
  public let new: Symbol
  /// Parameter matching, for two functions or methods whose parameters differ.
  public let signature: SignatureMatch?
  /// For classes: each base of the old class as a qualified name, in order.
  public let oldBases: [String]
  /// For classes: each base of the new class as a qualified name, in order.
  public let newBases: [String]

  /// For classes: every class the new class derives from, directly or not.
  public let newAncestors: Set<String>

  /// Pairs two symbols; bases are compared as written unless qualified names are given.
  public init(old: Symbol, new: Symbol, oldBases: [String]? = nil, newBases: [String]? = nil,
              newAncestors: Set<String>? = nil) {
    self.old = old
    self.new = new
    self.newAncestors = newAncestors ?? Set(newBases ?? new.bases ?? [])
    self.oldBases = oldBases ?? old.bases ?? []
    self.newBases = newBases ?? new.bases ?? []
    let callable: Set<SymbolKind> = [.function, .method]
    if callable.contains(old.kind), callable.contains(new.kind), old.params != new.params {
      signature = SignatureMatch(old: old.params ?? [], new: new.params ?? [])
    } else {
      signature = nil
    }
  }
}

/// A definition present in only one release.
public final class Presence: Sendable {
  public let symbol: Symbol
  /// Public definitions below it (members, submodules), relative to its path, sorted.
  public let publicMembers: [String]
  /// Exported aliases that import it, or a member of it, in the same release.
  public let importPaths: [String]
  /// The path is still bound in the other release, but only under `if TYPE_CHECKING:`
  /// (for removals), or was only bound there (for additions).
  public let isTypeCheckingOnlyElsewhere: Bool

  init(symbol: Symbol, publicMembers: [String], importPaths: [String], isTypeCheckingOnlyElsewhere: Bool) {
    self.symbol = symbol
    self.publicMembers = publicMembers
    self.importPaths = importPaths
    self.isTypeCheckingOnlyElsewhere = isTypeCheckingOnlyElsewhere
  }
}

/// A definition found at another path.
public final class Move: Sendable {
  public let old: Symbol
  public let new: Symbol
  /// The old path still imports the object, through an alias.
  public let isAliasKept: Bool
  /// Other new paths that matched equally well.
  public let otherCandidates: [String]

  init(old: Symbol, new: Symbol, isAliasKept: Bool, otherCandidates: [String]) {
    self.old = old
    self.new = new
    self.isAliasKept = isAliasKept
    self.otherCandidates = otherCandidates
  }
}

/// An exported alias that changed.
public final class AliasChange: Sendable {
  public let path: String
  public let old: Symbol?
  public let new: Symbol?

  init(path: String, old: Symbol?, new: Symbol?) {
    self.path = path
    self.old = old
    self.new = new
  }
}
