import APIModel
import PySyntax

/// Version of the extraction output; bump whenever `extractModule` output changes, so cached
/// surfaces are rebuilt.
public let extractorVersion = 4

/// Extracts the API surface of one Python file from its source alone (Python never runs).
/// Thread-safe; bad input yields diagnostics, never a crash.
/// - Parameters:
///   - source: The file's bytes.
///   - file: Repository-relative path, recorded on every symbol and diagnostic.
///   - module: Dotted module name, `vllm.config`.
///   - isPackage: True for an `__init__.py`; relative imports resolve against it.
/// - Returns: The module symbol first, then every surface symbol in source order.
public func extractModule(source: [UInt8], file: String, module: String, isPackage: Bool) -> ModuleSurface {
  let parsed = ParsedModule(source: source)
  var builder = SurfaceBuilder(parsed: parsed, file: file, module: module, isPackage: isPackage)
  builder.visit(parsed.statements, scope: module, inClass: false, conditions: [])
  return builder.finish()
}

/// Extracts the surface of a `.py`/`.pyi` file, naming the module after its path.
/// - Parameters:
///   - source: The file's bytes.
///   - file: Repository-relative path, `vllm/config/__init__.py`.
/// - Returns: nil when `file` is not a Python source path.
public func extractModule(source: [UInt8], file: String) -> ModuleSurface? {
  guard let (module, isPackage) = SymbolPath.module(forFile: file) else { return nil }
  return extractModule(source: source, file: file, module: module, isPackage: isPackage)
}
