import Foundation
import GitReleases
import SurfaceValidation

/// `vmsync validate`: the extraction against CPython's `ast`, over a release or a directory.
public enum ValidationFrontend {
  /// Validates every `.py` file of `ref` in `repository` (written to a temporary directory for
  /// the oracle, removed afterwards), or every `.py` file under `directory`.
  public static func validate(
    ref: String?, repository: String?, directory: String?, progress: (@Sendable (String) -> Void)?
  ) throws(CommandError) -> ValidationReport {
    let validator = SurfaceValidator()
    guard validator.isPythonAvailable else {
      throw CommandError("validate needs python3 on PATH to run the ast oracle")
    }
    switch (ref, repository, directory) {
    case (nil, nil, let directory?):
      let root = URL(fileURLWithPath: directory)
      return try wrapping { try validator.validate(root: root, files: pythonFiles(under: root), progress: progress) }
    case (let ref?, let repository?, nil):
      let root = FileManager.default.temporaryDirectory.appendingPathComponent("vmsync-validate-\(getpid())")
      defer { try? FileManager.default.removeItem(at: root) }
      let files = try wrapping { try export(ref, of: URL(fileURLWithPath: repository), to: root) }
      return try wrapping { try validator.validate(root: root, files: files, progress: progress) }
    default:
      throw CommandError("validate takes a REF with --repo, or --dir")
    }
  }

  /// Writes the `.py` blobs of a ref under `root`; returns their relative paths.
  private static func export(_ ref: String, of repository: URL, to root: URL) throws -> [String] {
    let repo = try GitRepository(at: repository)
    let files = try repo.files(at: repo.resolve(ref), under: "")
    for file in files {
      let url = root.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(repo.blob(file.blob)).write(to: url)
    }
    return files.map(\.path)
  }

  private static func pythonFiles(under root: URL) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
    return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".py") }.sorted()
  }
}
