// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "vmsync",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "vmsync", targets: ["vmsync"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // C libraries, through pkg-config.
    .systemLibrary(name: "CLibGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
    .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZ", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

    // Upstream tracking.
    .target(name: "APIModel"),
    .target(name: "YAMLDocument", dependencies: ["APIModel", "Yams"]),
    .target(name: "PySyntax", dependencies: ["APIModel"]),
    .target(name: "APIExtraction", dependencies: ["APIModel", "PySyntax"]),
    .target(
      name: "SurfaceValidation", dependencies: ["APIModel", "APIExtraction"],
      resources: [.copy("surface_oracle.py")]),
    .target(name: "GitReleases", dependencies: ["CLibGit2", "CZ", "ZIPFoundation"]),
    .target(name: "Upstream", dependencies: ["APIModel", "APIExtraction", "GitReleases", "CZ", "YAMLDocument", "Yams"]),
    .target(name: "APIDiff", dependencies: ["APIModel"]),

    // The plugin side.
    .target(name: "PluginScan", dependencies: ["APIModel", "PySyntax", "YAMLDocument", "Yams"]),
    .target(
      name: "PluginImpact",
      dependencies: ["APIModel", "APIDiff", "APIExtraction", "PluginScan", "AdapterManifests", "Upstream", "GitReleases", "Yams"]),
    .target(name: "Reporting", dependencies: ["APIModel", "APIDiff"]),

    // Runtime and parity.
    .target(name: "CMSKernels"),
    .target(name: "MSRuntime", dependencies: ["COpenBLAS", "CMSKernels"]),
    .target(name: "OpReference"),
    .target(name: "AdapterManifests", dependencies: ["APIModel", "YAMLDocument", "Yams"]),
    .target(name: "Parity", dependencies: ["MSRuntime", "OpReference", "AdapterManifests"]),
    .target(name: "ModelParity", dependencies: ["MSRuntime", "OpReference", "AdapterManifests", "Parity", "ModelCatalog"]),
    .target(name: "ModelCatalog", dependencies: ["APIModel", "YAMLDocument", "Yams"]),
    .target(name: "ModelMatrix", dependencies: ["APIModel", "APIExtraction", "APIDiff", "ModelCatalog", "Yams"]),

    // Front ends and the command line.
    .target(
      name: "Frontend",
      dependencies: ["APIModel", "APIExtraction", "GitReleases", "Upstream", "APIDiff", "Reporting",
                     "AdapterManifests", "Parity", "SurfaceValidation", "PluginScan", "PluginImpact", "ModelParity",
                     "ModelCatalog", "ModelMatrix"]),
    .target(
      name: "CIGate",
      dependencies: ["Frontend", "APIModel", "APIDiff", "AdapterManifests", "OpReference", "Parity", "ModelCatalog",
                     "ModelParity", "ModelMatrix", "PluginScan", "PluginImpact", "YAMLDocument", "Yams"]),
    .executableTarget(
      name: "vmsync",
      dependencies: ["Frontend", "CIGate", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .target(name: "_TestSupport", dependencies: ["CLibGit2", "APIModel", "GitReleases"]),
    .executableTarget(
      name: "ModelParityBench", dependencies: ["ModelParity", "ModelCatalog", "MSRuntime", "COpenBLAS"], path: "Benchmarks/ModelParityBench"),
    .executableTarget(name: "RuntimeBench", dependencies: ["MSRuntime", "COpenBLAS"], path: "Benchmarks/RuntimeBench"),

    .testTarget(
      name: "PySyntaxTests", dependencies: ["PySyntax", "APIExtraction", "SurfaceValidation", "_TestSupport"]),
    .testTarget(name: "GitReleasesTests", dependencies: ["GitReleases", "_TestSupport"]),
    .testTarget(name: "UpstreamTests", dependencies: ["Upstream", "_TestSupport"]),
    .testTarget(name: "APIDiffTests", dependencies: ["APIDiff", "APIExtraction", "Reporting", "_TestSupport"]),
    .testTarget(name: "MSRuntimeTests", dependencies: ["MSRuntime", "OpReference"]),
    .testTarget(name: "OpReferenceTests", dependencies: ["OpReference"]),
    .testTarget(name: "ModelCatalogTests", dependencies: ["ModelCatalog", "APIModel"]),
    .testTarget(name: "ModelMatrixTests", dependencies: ["ModelMatrix", "ModelCatalog", "APIModel", "APIExtraction", "GitReleases", "_TestSupport"]),
    .testTarget(name: "ModelParityTests", dependencies: ["ModelParity", "ModelCatalog", "OpReference"]),
    .testTarget(name: "ParityTests", dependencies: ["Parity", "AdapterManifests", "OpReference"]),
    .testTarget(name: "PluginScanTests", dependencies: ["PluginScan", "_TestSupport"]),
    .testTarget(
      name: "PluginImpactTests",
      dependencies: ["PluginImpact", "AdapterManifests", "APIExtraction", "GitReleases", "PluginScan", "_TestSupport"]),
    .testTarget(
      name: "CIGateTests", dependencies: ["CIGate", "Frontend", "ModelMatrix", "vmsync", "_TestSupport", "Yams"]),
    .testTarget(name: "VMSyncTests", dependencies: ["vmsync", "_TestSupport"]),
  ]
)
