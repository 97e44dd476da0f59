// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "swiftdump",
    products: [
        .library(name: "BPF", targets: ["BPF"]),
        .library(name: "PcapFile", targets: ["PcapFile"]),
        .library(name: "PcapFilter", targets: ["PcapFilter"]),
        .library(name: "LiveCapture", targets: ["LiveCapture"]),
        .library(name: "PacketPrinter", targets: ["PacketPrinter"]),
        .executable(name: "swiftdump", targets: ["swiftdump"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "BPF"),
        .target(name: "PcapFile"),
        .target(name: "PcapFilter", dependencies: ["BPF"]),
        // Live capture on Linux: AF_PACKET, SO_ATTACH_FILTER, a TPACKET_V3 ring.
        .target(name: "CLinuxPacket"),
        .target(name: "LiveCapture", dependencies: ["BPF", "PcapFile", "CLinuxPacket"]),
        .target(name: "PacketPrinter", dependencies: ["PcapFile"]),
        .executableTarget(
            name: "swiftdump",
            dependencies: [
                "BPF", "PcapFile", "PcapFilter", "LiveCapture", "PacketPrinter",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: crafted frames and the sample captures in captures/.
        .target(name: "PacketCraft", dependencies: ["PcapFile"], path: "Tools/PacketCraft"),
        .executableTarget(name: "InjectFrames", dependencies: ["CLinuxPacket"], path: "Tools/InjectFrames"),
        .target(name: "PrintComparison", dependencies: ["PacketPrinter", "PcapFile"], path: "Tools/PrintComparison"),
        .executableTarget(name: "PrintReport", dependencies: ["PrintComparison"], path: "Tools/PrintReport"),
        .executableTarget(name: "GenerateCaptures", dependencies: ["PacketCraft", "PcapFile"], path: "Tools/GenerateCaptures"),

        // Fuzzing: each target's body lives in FuzzTargets (replayed by FailCaseReplayTests);
        // each `Fuzz<Name>` executable is the libFuzzer entry point for one of them.
        .target(name: "FuzzTargets", dependencies: ["BPF", "PcapFile", "PcapFilter", "PacketPrinter"], path: "FuzzTesting/Sources/FuzzTargets"),
        .executableTarget(name: "FuzzPacketPrinter", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzPacketPrinter"),
        .executableTarget(name: "FuzzAssembler", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzAssembler"),
        .executableTarget(name: "FuzzInterpreter", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzInterpreter"),
        .executableTarget(name: "FuzzPcapReader", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzPcapReader"),
        .executableTarget(name: "FuzzPcapngReader", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzPcapngReader"),
        .executableTarget(name: "FuzzFilterParser", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzFilterParser"),
        .executableTarget(name: "FuzzFilterCompiler", dependencies: ["FuzzTargets"], path: "FuzzTesting/Sources/FuzzFilterCompiler"),

        // Benchmarks: ours against libpcap in one run (release builds, not part of the tests).
        .executableTarget(name: "CompilerBenchmark", dependencies: ["BPF", "PcapFilter", "CLibpcap", "TestSupport"], path: "Benchmarks/CompilerBenchmark"),
        .executableTarget(name: "InterpreterBenchmark", dependencies: ["BPF", "CLibpcap"], path: "Benchmarks/InterpreterBenchmark"),

        // libpcap is the oracle: only tests and benchmarks link it, never a product.
        .systemLibrary(name: "CLibpcap", pkgConfig: "libpcap", providers: [.apt(["libpcap-dev"])]),
        .target(name: "TestSupport", dependencies: ["BPF", "PcapFilter", "CLibpcap"], path: "Tests/TestSupport"),
        .testTarget(name: "BPFTests", dependencies: ["BPF", "CLibpcap", "TestSupport"]),
        .testTarget(name: "PcapFileTests", dependencies: ["PcapFile", "CLibpcap", "TestSupport"]),
        .testTarget(name: "PcapFilterTests", dependencies: ["PcapFilter", "PcapFile", "BPF", "CLibpcap", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "SwiftdumpTests", dependencies: ["BPF", "PcapFile", "PacketCraft", "CLibpcap"]),
        .testTarget(name: "LiveCaptureTests", dependencies: ["LiveCapture", "BPF", "PcapFile", "PcapFilter", "PacketCraft", "CLibpcap"]),
        .testTarget(name: "FailCaseReplayTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "PacketPrinterTests", dependencies: ["PacketPrinter", "PcapFile", "PrintComparison", "PacketCraft"]),
    ]
)
