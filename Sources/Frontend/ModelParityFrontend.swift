import Foundation
import ModelCatalog
import ModelParity

extension ParityFrontend {
  /// `vmsync parity models`: runs the catalogue's models (or `models`) for `dtypes`
  /// (`bf16`, `fp16`, `fp32`; all when empty) against `revision` (default: the newest).
  public static func runModels(revision: String?, models: [String], dtypes: [String], adaptersDirectory: String?)
    throws(CommandError) -> ModelParityReport
  {
    let directory = try DataDirectory.locate("adapters", explicit: adaptersDirectory)
    guard let revision = revision ?? newestRevision(in: directory) else {
      throw CommandError("\(directory.path): no <revision>/ops.yaml found")
    }
    return try wrapping {
      let types = try dtypes.map { name throws(ModelParityError) in try ModelParityRunner.dtype(named: name) }
      let catalog = try ModelCatalog.load(from: directory.appendingPathComponent("models.yaml"))
      return try ModelParityRunner(adaptersDirectory: directory.path, catalog: catalog)
        .run(revision: revision, models: models.isEmpty ? nil : models, dtypes: types.isEmpty ? [.bfloat16, .float16, .float32] : types)
    }
  }

  public static func render(_ report: ModelParityReport, as format: ParityFormat) throws(CommandError) -> String {
    switch format {
    case .markdown: report.renderMarkdown()
    case .json: try wrapping { try report.renderJSON() }
    }
  }
}
