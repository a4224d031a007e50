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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "APIRefKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "apiref",
            dependencies: [
                "APIRefKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "APIRefKitTests",
            dependencies: ["APIRefKit"],
            resources: [.copy("Fixtures"), .copy("Golden")]
        ),
    ]
)
