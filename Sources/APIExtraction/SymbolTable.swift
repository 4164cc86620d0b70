import APIModel

/// Symbols in source order with one live definition per path: a redefinition replaces the
/// earlier one (and, for a class, its members), except that an `@overload` stub never
/// replaces an implementation.
struct SymbolTable {
  private var slots: [Symbol?] = []
  private var isOverload: [Bool] = []
  /// For a class slot, the end of its members' slots.
  private var memberEnd: [Int] = []
  private var index: [PathKey: Int] = [:]

  /// Adds `symbol`, replacing an earlier definition of its path.
  mutating func add(_ symbol: consuming Symbol, isOverload overload: Bool = false) {
    let key = PathKey(symbol.path)
    if let old = index[key], let previous = slots[old] {
      if overload, !isOverload[old], previous.kind == .function || previous.kind == .method {
        return
      }
      if symbol.kind == .attribute, previous.kind == .attribute, symbol.annotation == nil {
        symbol.annotation = previous.annotation
      }
      remove(old)
    }
    index[key] = slots.count
    slots.append(symbol)
    isOverload.append(overload)
    memberEnd.append(slots.count)
  }

  /// Adds a class symbol; its members follow until `endClass`.
  mutating func beginClass(_ symbol: Symbol) -> Int {
    add(symbol)
    return slots.count - 1
  }

  mutating func endClass(_ slot: Int) {
    memberEnd[slot] = slots.count
  }

  private mutating func remove(_ slot: Int) {
    for k in slot..<memberEnd[slot] {
      if let symbol = slots[k] {
        let key = PathKey(symbol.path)
        if index[key] == k { index[key] = nil }
      }
      slots[k] = nil
    }
  }

  /// The live symbols in source order.
  func symbols() -> [Symbol] { slots.compactMap { $0 } }
}

/// A symbol path as a dictionary key, hashed once with 64-bit FNV-1a over its bytes: cheaper
/// than hashing the whole string at every lookup.
private struct PathKey: Hashable {
  let path: String
  let fingerprint: UInt64

  init(_ path: String) {
    var path = path
    fingerprint = path.withUTF8 { bytes in
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      return hash
    }
    self.path = path
  }

  static func == (a: PathKey, b: PathKey) -> Bool {
    a.fingerprint == b.fingerprint && a.path == b.path
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(fingerprint)
  }
}
