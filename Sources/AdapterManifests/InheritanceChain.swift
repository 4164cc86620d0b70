import APIModel

/// Follows `inherits:` from a revision's manifest back to the first one, for every manifest kind.
/// - Parameters:
///   - revision: the revision to start from.
///   - read: reads one revision's file; `requestedAt` is the `inherits:` that named it, if any.
///   - inherits: the revision a file layers on, with the location of its `inherits:`.
/// - Returns: the files, the requested revision's first.
/// - Throws: ``ManifestError/inheritsCycle(_:at:)`` when the chain comes back to a revision on it,
///   and whatever `read` throws.
func inheritanceChain<File>(
  from revision: String,
  read: (_ revision: String, _ requestedAt: SourceLocation?) throws(ManifestError) -> File,
  inherits: (File) -> (revision: String, location: SourceLocation)?
) throws(ManifestError) -> [File] {
  var chain: [String] = []
  var files: [File] = []
  var next: (revision: String, location: SourceLocation?)? = (revision, nil)
  while let (current, requestedAt) = next {
    if chain.contains(current), let requestedAt {
      throw .inheritsCycle(chain + [current], at: requestedAt)
    }
    let file = try read(current, requestedAt)
    chain.append(current)
    files.append(file)
    next = inherits(file).map { ($0.revision, $0.location) }
  }
  return files
}
