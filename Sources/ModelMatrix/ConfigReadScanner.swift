/// Finds the model-config fields a module reads: `config.x`, `self.config.x`, `hf_config.x`,
/// `text_config.x`, `getattr(config, "x", …)` and `hasattr(config, "x")`.
///
/// A byte scan over the source: comments are skipped, method calls (`config.get_text_config()`)
/// are not reads.
public enum ConfigReadScanner {
  /// The receivers that stand for a model's Hugging Face config.
  static let receivers: Set<String> = ["config", "hf_config", "text_config", "hf_text_config", "model_config"]

  /// Each field read, with the 1-based line of its first read.
  public static func reads(in source: [UInt8]) -> [(field: String, line: Int)] {
    var firstLine: [String: Int] = [:]
    var order: [String] = []
    var line = 1
    var i = 0
    let n = source.count
    func record(_ field: String) {
      if firstLine[field] == nil {
        firstLine[field] = line
        order.append(field)
      }
    }
    while i < n {
      let byte = source[i]
      if byte == UInt8(ascii: "\n") {
        line += 1
        i += 1
      } else if byte == UInt8(ascii: "#") {
        while i < n, source[i] != UInt8(ascii: "\n") { i += 1 }
      } else if isIdentifierStart(byte) && (i == 0 || !isIdentifierByte(source[i - 1])) {
        let start = i
        while i < n, isIdentifierByte(source[i]) { i += 1 }
        let word = String(decoding: source[start..<i], as: UTF8.self)
        if receivers.contains(word), i + 1 < n, source[i] == UInt8(ascii: "."), isIdentifierStart(source[i + 1]) {
          let fieldStart = i + 1
          var j = fieldStart
          while j < n, isIdentifierByte(source[j]) { j += 1 }
          let field = String(decoding: source[fieldStart..<j], as: UTF8.self)
          if (j >= n || source[j] != UInt8(ascii: "(")) && !receivers.contains(field) { record(field) }
        } else if word == "getattr" || word == "hasattr", let field = attributeArgument(source, from: i) {
          record(field)
        }
      } else {
        i += 1
      }
    }
    return order.map { ($0, firstLine[$0] ?? 0) }
  }

  /// The quoted name in `(receiver, "name"` starting at `index`, when the receiver is a config.
  private static func attributeArgument(_ source: [UInt8], from index: Int) -> String? {
    var i = index
    let n = source.count
    func skipBlanks() { while i < n, source[i] == UInt8(ascii: " ") || source[i] == UInt8(ascii: "\n") { i += 1 } }
    skipBlanks()
    guard i < n, source[i] == UInt8(ascii: "(") else { return nil }
    i += 1
    skipBlanks()
    var last = ""
    while i < n, isIdentifierStart(source[i]) {
      let start = i
      while i < n, isIdentifierByte(source[i]) { i += 1 }
      last = String(decoding: source[start..<i], as: UTF8.self)
      guard i < n, source[i] == UInt8(ascii: ".") else { break }
      i += 1
    }
    guard receivers.contains(last) else { return nil }
    skipBlanks()
    guard i < n, source[i] == UInt8(ascii: ",") else { return nil }
    i += 1
    skipBlanks()
    guard i < n, source[i] == UInt8(ascii: "\"") || source[i] == UInt8(ascii: "'") else { return nil }
    let quote = source[i]
    let start = i + 1
    var end = start
    while end < n, isIdentifierByte(source[end]) { end += 1 }
    guard end < n, source[end] == quote, end > start else { return nil }
    return String(decoding: source[start..<end], as: UTF8.self)
  }

  private static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || byte == UInt8(ascii: "_")
  }

  private static func isIdentifierByte(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
  }
}
