import Foundation
import PacketPrinter
import PcapFile

/// Our lines for one packet beside tcpdump's.
public struct PacketLines: Sendable {
    /// The packet's 1-based number in the file.
    public var number: Int
    /// Our lines (without the newline).
    public var ours: [String]
    /// tcpdump's lines for the same packet.
    public var theirs: [String]
    /// The protocols our printer decoded, outermost first.
    public var layers: [ProtocolLayer]
    /// Whether our printer printed every protocol of the packet as tcpdump does.
    public var isCovered: Bool

    /// Whether the two printers agree on every line.
    public var isIdentical: Bool { ours == theirs }
}

/// One capture printed by us and by `tcpdump -n -#`.
public struct FileLines: Sendable {
    /// The capture's path.
    public var path: String
    /// Every packet, in order.
    public var packets: [PacketLines]
    /// Why the file was not compared (unreadable by one side), or nil.
    public var skipReason: String?

    /// A file is covered when every packet's protocols are (our decoder decides).
    public var isCovered: Bool { skipReason == nil && packets.allSatisfy(\.isCovered) }
}

/// Runs tcpdump and our printer over the same capture, with the same time zone, and pairs
/// their lines packet by packet (tcpdump's `-#` numbers say where each packet starts).
public enum PrintComparison {
    /// The time zone both printers use.
    public static let timeZone = "UTC"

    /// Compares the default (`-n`) lines of one capture.
    public static func compare(path: String, tcpdump: String, options: PrintOptions = PrintOptions(),
                               resolver: any PrinterNameResolver = NumericNames(),
                               tcpdumpFlags: [String] = ["-n"]) throws -> FileLines {
        setenv("TZ", timeZone, 1)
        tzset()
        let theirText = try run(tcpdump, tcpdumpFlags + ["-#", "-r", path])
        var ours: [(String, [ProtocolLayer], Bool)] = []
        do {
            let reader = try CaptureFileReader(path: path)
            var printer = PacketPrinter(options: options, resolver: resolver)
            var number = 0
            while let packet = try reader.nextPacketView() {
                number += 1
                let printed = printer.describe(packet, number: number)
                ours.append((printed.text, printed.layers, printed.isCovered))
            }
        } catch {
            if ours.isEmpty { return FileLines(path: path, packets: [], skipReason: "unreadable: \(error)") }
        }
        let theirs = split(theirText, packets: ours.count)
        if theirs.contains(where: { ($0.first ?? "").contains("[Error converting time]") })
            && !ours.contains(where: { $0.0.contains("[Error converting time]") }) {
            return FileLines(path: path, packets: [], skipReason:
                "pcap seconds past 2038: libpcap reads them as signed (tcpdump then fails), PcapFile as unsigned")
        }
        if theirs.contains(where: { hasUnnormalizedFraction($0.first ?? "") }) {
            return FileLines(path: path, packets: [], skipReason:
                "time stamps whose fraction is a second or more: PcapFile normalizes them, tcpdump prints them raw")
        }
        var packets: [PacketLines] = []
        for (index, entry) in ours.enumerated() {
            var lines = entry.0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            packets.append(PacketLines(number: index + 1, ours: lines, theirs: index < theirs.count ? theirs[index] : [],
                                       layers: entry.1, isCovered: entry.2))
        }
        return FileLines(path: path, packets: packets, skipReason: nil)
    }

    /// Whether a line's time stamp (after the `-#` number) has a fraction of other than 6
    /// or 9 digits, as tcpdump prints an out-of-range microsecond or nanosecond field.
    static func hasUnnormalizedFraction(_ line: String) -> Bool {
        let stamp = line.dropFirst(7).prefix { $0 != " " }
        guard let dot = stamp.firstIndex(of: "."), stamp.contains(":") else { return false }
        let digits = stamp[stamp.index(after: dot)...].count
        return digits != 6 && digits != 9
    }

    /// tcpdump's output cut into packets at the lines starting with the next packet number.
    static func split(_ text: String, packets: Int) -> [[String]] {
        var result: [[String]] = []
        var current: [String] = []
        var next = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let prefix = String(repeating: " ", count: max(0, 5 - String(next).count)) + "\(next)  "
            if line.hasPrefix(prefix) {
                if next > 1 { result.append(current) }
                current = [String(line)]
                next += 1
            } else if next > 1 {
                current.append(String(line))
            }
        }
        if next > 1 {
            if current.last == "" { current.removeLast() }
            result.append(current)
        }
        return result
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = timeZone
        process.environment = environment
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("print-comparison-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return String(decoding: try Data(contentsOf: output), as: UTF8.self)
    }

    /// The captures compared: the package's `captures/` and every file of the shared corpus.
    public static func captureFiles(packageRoot: URL) -> [String] {
        let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        let folders = [packageRoot.appendingPathComponent("captures"), corpus.appendingPathComponent("libpcap"),
                       corpus.appendingPathComponent("tcpdump")]
        var files: [String] = []
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files += names.sorted().filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") || $0.hasSuffix(".cap") }
                .map { folder.appendingPathComponent($0).path }
        }
        return files
    }

    /// tcpdump's path, if installed.
    public static func tcpdumpPath() -> String? {
        ["/usr/bin/tcpdump", "/usr/sbin/tcpdump", "/usr/local/bin/tcpdump"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }
}

/// Identical-line counts per protocol over covered files.
public struct IdenticalLinesTable: Sendable {
    /// (protocol, packets, identical packets), in `ProtocolLayer` order.
    public var rows: [(layer: ProtocolLayer, lines: Int, identical: Int)]
    /// Covered files and all files.
    public var coveredFiles: Int, files: Int

    /// Counts the covered files' packets under every protocol each went through; with
    /// `coveredPacketsOfEveryFile`, the covered packets of every compared file instead.
    public init(_ results: [FileLines], coveredPacketsOfEveryFile: Bool = false) {
        var counts: [ProtocolLayer: (Int, Int)] = [:]
        for file in results where file.isCovered || (coveredPacketsOfEveryFile && file.skipReason == nil) {
            for packet in file.packets where packet.isCovered {
                for layer in Set(packet.layers) {
                    let (lines, identical) = counts[layer] ?? (0, 0)
                    counts[layer] = (lines + 1, identical + (packet.isIdentical ? 1 : 0))
                }
            }
        }
        rows = ProtocolLayer.allCases.compactMap { layer in counts[layer].map { (layer, $0.0, $0.1) } }
        coveredFiles = results.filter(\.isCovered).count
        files = results.count
    }

    /// A Markdown table.
    public var markdown: String {
        var text = "| protocol | packets | identical lines | share |\n|---|---:|---:|---:|\n"
        for row in rows {
            let share = row.lines == 0 ? 100.0 : 100.0 * Double(row.identical) / Double(row.lines)
            text += "| \(row.layer.rawValue) | \(row.lines) | \(row.identical) | \(String(format: "%.2f%%", share)) |\n"
        }
        return text
    }
}
