import APIExtraction
import APIModel
import Foundation
import GitReleases

/// Takes the API snapshot of one release straight from a repository's object database.
public enum SnapshotBuilder {
  /// Extracts the surface of every `.py` file under the package root of a ref.
  ///
  /// Files are read and parsed in parallel. With a cache, a release already packed loads in
  /// one read, and otherwise the files it shares (same blob, same path) with the release
  /// packed last are not read at all.
  /// A file with syntax errors still contributes its surface and diagnostics.
  /// - Parameters:
  ///   - repo: the repository.
  ///   - ref: the tag, branch or commit; it becomes the snapshot's `release`.
  ///   - packageRoot: the package directory, `vllm/`.
  ///   - cache: where surfaces are looked up and stored; nil extracts every file.
  ///   - progress: called with (files done, total), one call at a time, from any thread.
  /// - Returns: the snapshot, modules sorted by name.
  /// - Throws: `UpstreamError` when the ref is unknown or an object cannot be read.
  public static func snapshot(
    repo: GitRepository, ref: String, packageRoot: String = "vllm/", cache: SurfaceCache?,
    progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
  ) throws(UpstreamError) -> Snapshot {
    let commit = try git { () throws(GitError) in try repo.resolve(ref) }
    if let cached = cache?.release(commit: commit, packageRoot: packageRoot) {
      progress?(cached.count, cached.count)
      return Snapshot(release: ref, commit: commit.hex, modules: cached.map(\.surface))
    }
    let files = try git { () throws(GitError) in try repo.files(at: commit, under: packageRoot, extensions: ["py"]) }
    // The files this release shares with the one snapshotted last come from its pack.
    let previous = Dictionary(
      (cache?.latestRelease(otherThan: commit, packageRoot: packageRoot) ?? []).map { (FileKey(blob: $0.blob, path: $0.surface.file), $0.surface) },
      uniquingKeysWith: { first, _ in first })
    let results = Results(count: files.count, progress: progress)
    DispatchQueue.concurrentPerform(iterations: files.count) { i in
      let file = files[i]
      if let surface = previous[FileKey(blob: file.blob, path: file.path)] {
        return results.set(i, .success(surface))
      }
      do throws(GitError) {
        let source = try repo.blob(file.blob)
        let surface = extractModule(source: source, file: file.path)
        results.set(i, .success(surface))
      } catch {
        results.set(i, .failure(error))
      }
    }
    var extracted = [(blob: ObjectID, surface: ModuleSurface)]()
    extracted.reserveCapacity(files.count)
    for (file, result) in zip(files, results.values) {
      switch result {
      case .success(let surface?): extracted.append((file.blob, surface))
      case .success(nil), nil: continue
      case .failure(let error): throw UpstreamError(.git(error))
      }
    }
    cache?.storeRelease(commit: commit, packageRoot: packageRoot, files: extracted)
    return Snapshot(release: ref, commit: commit.hex, modules: extracted.map(\.surface))
  }

  private static func git<T>(_ body: () throws(GitError) -> T) throws(UpstreamError) -> T {
    do {
      return try body()
    } catch {
      throw UpstreamError(.git(error))
    }
  }
}

/// A file's content and place: its surface depends on both.
private struct FileKey: Hashable {
  let blob: ObjectID
  let path: String
}

/// One slot per file, each written once, from any thread.
private final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var values: [Result<ModuleSurface?, GitError>?]
  private var done = 0
  private let progress: (@Sendable (Int, Int) -> Void)?

  init(count: Int, progress: (@Sendable (Int, Int) -> Void)?) {
    values = Array(repeating: nil, count: count)
    self.progress = progress
  }

  func set(_ i: Int, _ value: Result<ModuleSurface?, GitError>) {
    lock.lock()
    defer { lock.unlock() }
    values[i] = value
    done += 1
    progress?(done, values.count)
  }
}
