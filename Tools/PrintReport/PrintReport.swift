import Foundation
import PacketPrinter
import PrintComparison

/// Prints the share of lines identical to `tcpdump -n` per protocol, over the covered files
/// of `captures/` and the shared corpus; `--mismatches` also lists the differing lines;
/// `-e`, `-q`, `-v` compare with those flags instead of the default lines.
@main
enum PrintReport {
    static func main() throws {
        guard let tcpdump = PrintComparison.tcpdumpPath() else {
            FileHandle.standardError.write(Data("tcpdump is not installed\n".utf8))
            exit(1)
        }
        let showMismatches = CommandLine.arguments.contains("--mismatches")
        let showAllMismatches = CommandLine.arguments.contains("--all-mismatches")
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let arguments = CommandLine.arguments
        let flags = ["-e", "-q", "-v"].filter(arguments.contains)
        let options = PrintOptions(linkHeader: flags.contains("-e"), quiet: flags.contains("-q"),
                                   verbosity: flags.contains("-v") ? 1 : 0)
        var results: [FileLines] = []
        for path in PrintComparison.captureFiles(packageRoot: root) {
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump, options: options,
                                                   tcpdumpFlags: ["-n"] + flags)
            results.append(file)
            if CommandLine.arguments.contains("--uncovered"), let first = file.packets.first(where: { !$0.isCovered }) {
                print("UNCOVERED \(file.packets.filter { !$0.isCovered }.count)/\(file.packets.count) \(path): \(first.theirs.first ?? "")")
            }
            guard showAllMismatches || (showMismatches && file.isCovered) else { continue }
            for packet in file.packets where !packet.isIdentical && packet.isCovered {
                print("\(path) #\(packet.number)\n  tcpdump: \(packet.theirs.joined(separator: "\n           "))\n  ours:    \(packet.ours.joined(separator: "\n           "))")
            }
        }
        let table = IdenticalLinesTable(results)
        let compared = results.filter { $0.skipReason == nil }
        let packets = compared.reduce(0) { $0 + $1.packets.count }
        let coveredPackets = compared.reduce(0) { $0 + $1.packets.filter(\.isCovered).count }
        print("Covered files: \(table.coveredFiles) of \(table.files); covered packets: \(coveredPackets) of \(packets)\n")
        print(table.markdown)
        let everyFile = IdenticalLinesTable(results, coveredPacketsOfEveryFile: true)
        print("Covered packets of every file (files with some uncovered packets included):\n")
        print(everyFile.markdown, terminator: "")
    }
}
