/// Line diffs in the unified format, from a longest-common-subsequence alignment.
public enum UnifiedDiff {
  /// The unified diff of two texts, or an empty string when they are equal.
  /// - Parameters:
  ///   - old: The earlier text's lines.
  ///   - new: The later text's lines.
  ///   - oldName: The `---` label; `newName` the `+++` label.
  ///   - oldStart: The 1-based line number of `old`'s first line in its file; `newStart` likewise.
  ///   - context: Unchanged lines shown around each change.
  public static func render(
    old: [String], new: [String], oldName: String, newName: String, oldStart: Int = 1, newStart: Int = 1,
    context: Int = 3
  ) -> String {
    let edits = script(old, new)
    guard edits.contains(where: { $0.op != .keep }) else { return "" }
    var lines = ["--- \(oldName)", "+++ \(newName)"]
    var index = 0
    while index < edits.count {
      guard let change = edits[index...].firstIndex(where: { $0.op != .keep }) else { break }
      // Extend the hunk while the next change is within 2 × context unchanged lines.
      var end = change
      var cursor = change
      while cursor < edits.count {
        if edits[cursor].op != .keep {
          end = cursor
          cursor += 1
          continue
        }
        let nextChange = edits[cursor...].firstIndex { $0.op != .keep }
        guard let nextChange, nextChange - cursor <= 2 * context else { break }
        cursor = nextChange
      }
      let start = max(index, change - context)
      let stop = min(edits.count, end + context + 1)
      let hunk = edits[start..<stop]
      let oldCount = hunk.filter { $0.op != .insert }.count
      let newCount = hunk.filter { $0.op != .delete }.count
      let oldLine = (hunk.first { $0.op != .insert }?.oldIndex ?? (hunk.first?.oldIndex ?? 0)) + oldStart
      let newLine = (hunk.first { $0.op != .delete }?.newIndex ?? (hunk.first?.newIndex ?? 0)) + newStart
      lines.append("@@ -\(range(oldCount == 0 ? oldLine - 1 : oldLine, oldCount)) +\(range(newCount == 0 ? newLine - 1 : newLine, newCount)) @@")
      for edit in hunk {
        switch edit.op {
        case .keep: lines.append(" " + old[edit.oldIndex])
        case .delete: lines.append("-" + old[edit.oldIndex])
        case .insert: lines.append("+" + new[edit.newIndex])
        }
      }
      index = stop
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func range(_ start: Int, _ count: Int) -> String {
    count == 1 ? "\(start)" : "\(start),\(count)"
  }

  enum Op { case keep, delete, insert }

  struct Edit {
    var op: Op
    /// Index into the old lines (for insert: the old position before which it goes).
    var oldIndex: Int
    /// Index into the new lines (for delete: the new position).
    var newIndex: Int
  }

  /// The edit script of an LCS alignment: deletions before insertions within a change.
  static func script(_ a: [String], _ b: [String]) -> [Edit] {
    // Common prefix and suffix are cheap and keep the table small.
    var prefix = 0
    while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
      suffix += 1
    }
    let x = Array(a[prefix..<(a.count - suffix)])
    let y = Array(b[prefix..<(b.count - suffix)])
    // lengths[i][j]: LCS length of x[i...] and y[j...].
    var lengths = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in stride(from: x.count - 1, through: 0, by: -1) {
      for j in stride(from: y.count - 1, through: 0, by: -1) {
        lengths[i][j] = x[i] == y[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var edits = (0..<prefix).map { Edit(op: .keep, oldIndex: $0, newIndex: $0) }
    var i = 0
    var j = 0
    while i < x.count || j < y.count {
      if i < x.count, j < y.count, x[i] == y[j] {
        edits.append(Edit(op: .keep, oldIndex: prefix + i, newIndex: prefix + j))
        i += 1
        j += 1
      } else if j == y.count || (i < x.count && lengths[i + 1][j] >= lengths[i][j + 1]) {
        edits.append(Edit(op: .delete, oldIndex: prefix + i, newIndex: prefix + j))
        i += 1
      } else {
        edits.append(Edit(op: .insert, oldIndex: prefix + i, newIndex: prefix + j))
        j += 1
      }
    }
    for k in 0..<suffix {
      edits.append(Edit(op: .keep, oldIndex: a.count - suffix + k, newIndex: b.count - suffix + k))
    }
    return edits
  }
}
