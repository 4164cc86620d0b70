import APIExtraction
import APIModel
import Foundation

/// The plugin's own definitions, parsed from its files on demand.
public final class PluginSource: @unchecked Sendable {
  /// The plugin's root directory (the one holding its package).
  public let root: URL
  private var surfaces: [String: ModuleSurface?] = [:]
  private let lock = NSLock()

  /// Reads plugin files under `root` as they are asked for.
  public init(root: URL) {
    self.root = root
  }

  /// The parameters of a plugin function or method, by its dotted path, read from the file
  /// the reference was found in (then from the module the path names).
  public func parameters(of path: String, foundIn file: String?) -> [Parameter]? {
    var files: [String] = []
    if let file { files.append(file) }
    var parts = path.split(separator: ".").map(String.init)
    while parts.count > 1 {
      parts.removeLast()
      let module = parts.joined(separator: "/")
      files += [module + ".py", module + "/__init__.py"]
    }
    for file in files {
      if let symbol = surface(file)?.symbols.first(where: { $0.path == path && $0.params != nil }) { return symbol.params }
    }
    return nil
  }

  private func surface(_ file: String) -> ModuleSurface? {
    lock.lock()
    defer { lock.unlock() }
    if let known = surfaces[file] { return known }
    let url = root.appendingPathComponent(file)
    let surface = (try? Data(contentsOf: url)).flatMap { extractModule(source: Array($0), file: file) }
    surfaces[file] = surface
    return surface
  }
}
