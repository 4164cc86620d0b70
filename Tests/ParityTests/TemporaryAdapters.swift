import Foundation

/// A temporary `adapters/` directory holding one `ops.yaml` per revision; removed on deinit.
final class TemporaryAdapters {
  let directory: String

  init(_ files: [String: String]) throws {
    directory = NSTemporaryDirectory() + "vmsync-adapters-" + UUID().uuidString
    for (revision, text) in files {
      let folder = directory + "/" + revision
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try text.write(toFile: folder + "/ops.yaml", atomically: true, encoding: .utf8)
    }
  }

  func path(_ revision: String) -> String { directory + "/" + revision + "/ops.yaml" }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}
