import Foundation

/// Agreement of one field between `extractModule` and CPython's `ast`.
public struct FieldAgreement: Sendable, Hashable {
  public var field: String
  /// Symbols (or files, for exports) where both sides could be compared.
  public var compared: Int
  public var agreed: Int
  /// A few disagreements, `file:line: path: ours …, ast …`.
  public var samples: [String]

  /// Fraction of compared items that agree; 1 when nothing was compared.
  public var rate: Double { compared == 0 ? 1 : Double(agreed) / Double(compared) }
}

/// The outcome of `SurfaceValidator.validate`.
public struct ValidationReport: Sendable, Hashable {
  /// Files asked for.
  public var files: Int
  /// Files both sides read.
  public var filesCompared: Int
  /// Files `ast` itself rejects (`file: reason`), left out of the comparison.
  public var oracleRejected: [String]
  public var fields: [FieldAgreement]

  /// The agreement of `field`, if it was compared.
  public func agreement(_ field: String) -> FieldAgreement? { fields.first { $0.field == field } }

  /// A plain-text table of rates followed by sample disagreements.
  public func render() -> String {
    var lines = ["files: \(files), compared: \(filesCompared), rejected by ast: \(oracleRejected.count)"]
    for rejected in oracleRejected.prefix(10) { lines.append("  rejected: \(rejected)") }
    let width = fields.map(\.field.count).max() ?? 0
    for field in fields {
      let name = field.field.padding(toLength: width, withPad: " ", startingAt: 0)
      let percent = (field.rate * 10_000).rounded() / 100
      lines.append("\(name)  \(field.agreed)/\(field.compared)  \(percent)%")
    }
    for field in fields where !field.samples.isEmpty {
      lines.append("disagreements in \(field.field):")
      for sample in field.samples { lines.append("  \(sample)") }
    }
    return lines.joined(separator: "\n")
  }
}
