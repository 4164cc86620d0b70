/// One line of the oracle's output.
struct OracleRow: Decodable {
  var file: String
  var ok: Bool
  var error: String?
  var symbols: [OracleSymbol]?
  var exports: [String]?
  var stars: [String]?
}

/// A symbol as CPython's `ast` sees it.
struct OracleSymbol: Decodable {
  var path: String
  var kind: String
  var line: Int
  var params: [OracleParameter]?
  var returns: String?
  var bases: [String]?
  var decorators: [String]?
  var target: String?
  var value: String?
  var annotation: String?
}

struct OracleParameter: Decodable {
  var name: String
  var kind: String
  var `default`: String?
  var annotation: String?
}

/// What the oracle found in one file.
struct OracleSurface {
  var symbols: [OracleSymbol]
  var exports: [String]?
  var stars: [String]
}

/// Why the oracle could not read a file (the file is not valid Python for its interpreter).
struct OracleFailure: Error {
  var message: String
}
