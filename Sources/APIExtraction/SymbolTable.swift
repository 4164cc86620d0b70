import APIModel

/// Symbols in source order with one live definition per path: a redefinition replaces the
/// earlier one (and, for a class, its members), except that an `@overload` stub never
/// replaces an implementation.
struct SymbolTable {
  private var slots: [Symbol?] = []
  private var isOverload: [Bool] = []
  /// For a class slot, the end of its members' slots.
  private var memberEnd: [Int] = []
  private var index: [String: Int] = [:]

  /// Adds `symbol`, replacing an earlier definition of its path.
  mutating func add(_ symbol: Symbol, isOverload overload: Bool = false) {
    var symbol = symbol
    if let old = index[symbol.path], let previous = slots[old] {
      if overload, !isOverload[old], previous.kind == .function || previous.kind == .method {
        return
      }
      if symbol.kind == .attribute, previous.kind == .attribute, symbol.annotation == nil {
        symbol.annotation = previous.annotation
      }
      remove(old)
    }
    index[symbol.path] = slots.count
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
      if let symbol = slots[k], index[symbol.path] == k { index[symbol.path] = nil }
      slots[k] = nil
    }
  }

  /// The live symbols in source order.
  func symbols() -> [Symbol] { slots.compactMap { $0 } }
}
