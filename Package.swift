// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "apiref",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "apiref", targets: ["apiref"]),
        .library(name: "APIRefKit", targets: ["APIRefKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        // traits: [] leaves out swift-configuration support and full Foundation: faster builds.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // glibc's <malloc.h> (mallopt), for the one-shot commands' heap settings.
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "APIRefKit",
            dependencies: [
                "CCmark",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))]
        ),
        .target(
            name: "APIRefOpenAPI",
            dependencies: [
                "APIRefKit",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "APIRefPreview",
            dependencies: [
                "APIRefKit",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "apiref",
            dependencies: [
                "APIRefKit",
                "APIRefOpenAPI",
                "APIRefPreview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release))],
            // A position-dependent executable: a PIE of this size spends ~2 ms of every run's
            // start applying 112,000 relocations (and faulting in the pages they write).
            linkerSettings: [.unsafeFlags(["-Xlinker", "--no-pie", "-Xlinker", "--no-export-dynamic"], .when(platforms: [.linux], configuration: .release))]
        ),
        // libFuzzer targets over the readers when built by scripts/fuzz.sh; a corpus replayer otherwise.
        .executableTarget(
            name: "apiref-fuzz",
            dependencies: ["APIRefKit"]
        ),
        .testTarget(
            name: "APIRefKitTests",
            dependencies: ["APIRefKit"],
            resources: [.copy("Fixtures"), .copy("Golden")]
        ),
        .testTarget(
            name: "APIRefPreviewTests",
            dependencies: ["APIRefPreview", "APIRefKit"]
        ),
        .testTarget(
            name: "APIRefOpenAPITests",
            dependencies: ["APIRefOpenAPI", "APIRefKit", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            exclude: ["Golden"]
        ),
    ]
)
