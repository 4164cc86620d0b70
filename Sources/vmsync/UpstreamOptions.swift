import ArgumentParser
import Foundation
import Frontend

/// Where upstream snapshots come from; shared by every command that reads upstream.
struct UpstreamOptions: ParsableArguments {
  @Option(help: "A vLLM git repository (bare or not). Without it, the snapshots committed under upstream/.")
  var repo: String?

  @Option(help: "Directory of the surface cache (default ~/.cache/vmsync).")
  var cacheDir: String?

  @Flag(help: "Parse every file again; neither read nor write the cache.")
  var noCache = false

  @Option(help: "The directory of committed snapshots (default: upstream/ of this checkout).")
  var upstreamDir: String?

  func source() throws(CommandError) -> UpstreamSource {
    try UpstreamSource.open(
      repo: repo, cacheDirectory: noCache ? nil : (cacheDir ?? UpstreamSource.defaultCacheDirectory),
      catalogDirectory: upstreamDir)
  }
}

/// The common `--format` / `-o` pair.
struct OutputOptions: ParsableArguments {
  @Option(name: .shortAndLong, help: "Write to this file instead of stdout (written whole or not at all).")
  var output: String?
}
