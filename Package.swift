// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swiftdump",
    products: [
        .library(name: "BPF", targets: ["BPF"]),
        .library(name: "PcapFile", targets: ["PcapFile"]),
        .library(name: "PcapFilter", targets: ["PcapFilter"]),
        .executable(name: "swiftdump", targets: ["swiftdump"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BPF"),
        .target(name: "PcapFile"),
        .target(name: "PcapFilter", dependencies: ["BPF"]),
        .executableTarget(
            name: "swiftdump",
            dependencies: [
                "BPF", "PcapFile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzzing: each target's body lives in FuzzTargets (replayed by FailCaseReplayTests);
        // each `Fuzz<Name>` executable is the libFuzzer entry point for one of them.
        .target(name: "FuzzTargets", dependencies: ["BPF", "PcapFile"], path: "FuzzTesting/Sources/FuzzTargets"),
        // libpcap is the oracle: only tests and benchmarks link it, never a product.
        .systemLibrary(name: "CLibpcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .testTarget(name: "BPFTests", dependencies: ["BPF", "CLibpcap"]),
        .testTarget(name: "FailCaseReplayTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "PcapFileTests", dependencies: ["PcapFile"]),
        .testTarget(name: "PcapFilterTests", dependencies: ["PcapFilter", "BPF", "CLibpcap"]),
    ]
)
