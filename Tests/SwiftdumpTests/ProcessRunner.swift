import Foundation

/// What a finished process printed and how it exited.
struct ProcessResult {
    var status: Int32
    var standardOutput: Data
    var standardError: Data

    var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// Runs programs the tests compare against: our `swiftdump` binary, tcpdump and tshark.
enum ProcessRunner {
    /// The folder holding the test bundle, where SwiftPM also puts the `swiftdump` binary.
    static let buildFolder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent()

    /// The package root (for `captures/`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared corpus of real captures beside the checkout, if present.
    static let corpusRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var swiftdump: String {
        buildFolder.appendingPathComponent("swiftdump").path
    }

    /// Runs `executable` with `arguments`; standard output and error go through files so a
    /// chatty process can never block on a full pipe.
    static func run(_ executable: String, _ arguments: [String], standardInput: Data? = nil) throws -> ProcessResult {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swiftdump-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        if let standardInput {
            let inURL = scratch.appendingPathComponent("in")
            try standardInput.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessResult(status: process.terminationStatus,
                             standardOutput: try Data(contentsOf: outURL),
                             standardError: try Data(contentsOf: errURL))
    }

    /// Finds a tool on PATH (tcpdump lives in /usr/bin or /usr/sbin).
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("swiftdump-\(UUID().uuidString)-\(name)").path
    }
}
