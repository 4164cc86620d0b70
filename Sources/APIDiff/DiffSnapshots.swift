import APIModel

/// Compares two releases' surfaces and classifies every difference.
///
/// - Parameters:
///   - old: The earlier release.
///   - new: The later release.
///   - options: Which changes to keep; filtering never changes how a change is classified.
/// - Returns: The changes, sorted, with counts per kind.
public func diffSnapshots(_ old: Snapshot, _ new: Snapshot, options: DiffOptions) -> DiffReport {
  let resolved = parallelMap(2) { ResolvedSurface($0 == 0 ? old : new) }
  let report = diffSurfaces(resolved[0], resolved[1], from: old.release, to: new.release, options: options)
  releaseInBackground(consume resolved)
  return report
}

/// Old path → new path of every definition that moved between two surfaces: exactly the
/// moves a full diff reports, found without classifying anything else.
public func moves(from old: ResolvedSurface, to new: ResolvedSurface) -> [String: String] {
  var walker = Walker(old: old, new: new)
  return walker.moves()
}

/// Compares two already resolved surfaces; see `diffSnapshots(_:_:options:)`.
public func diffSurfaces(_ old: ResolvedSurface, _ new: ResolvedSurface, from: String, to: String,
                         options: DiffOptions) -> DiffReport {
  let classifier = Classifier.Pipeline()
  var walker = Walker(old: old, new: new)
  walker.run(handingOver: classifier.submit)
  let changes = classifier.finish()
  return DiffReport(from: from, to: to, changes: changes.filter(options.keeps))
}
