import Foundation
import Testing

/// `swiftdump -r F -w OUT --program P` keeps exactly the packets libpcap keeps with the same
/// program, on every capture we ship and every corpus file libpcap can read.
@Suite struct FileFilterTests {
    static let expressions = ["tcp or udp", "ip and len > 100", "not arp and ip[8] > 32"]

    static var captureFiles: [String] {
        var files: [String] = []
        let captures = ProcessRunner.packageRoot.appendingPathComponent("captures")
        for folder in [captures, ProcessRunner.corpusRoot.appendingPathComponent("libpcap"),
                       ProcessRunner.corpusRoot.appendingPathComponent("tcpdump")] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            files += names.sorted().filter { $0.hasSuffix(".pcap") || $0.hasSuffix(".pcapng") }
                .map { folder.appendingPathComponent($0).path }
        }
        return files
    }

    @Test func filteringAFileKeepsWhatLibpcapKeeps() throws {
        var compared = 0
        for file in Self.captureFiles {
            guard let everything = try? LibpcapOracle.read(file), everything.error == nil else { continue }
            for expression in Self.expressions {
                guard let program = LibpcapOracle.compileForFile(file, expression) else { continue }
                let expected = try LibpcapOracle.read(file, filter: expression).packets
                let programFile = ProcessRunner.temporaryFile("p.ddd")
                let output = ProcessRunner.temporaryFile("out.pcap")
                defer {
                    try? FileManager.default.removeItem(atPath: programFile)
                    try? FileManager.default.removeItem(atPath: output)
                }
                try Data(program.utf8).write(to: URL(fileURLWithPath: programFile))
                let run = try ProcessRunner.run(ProcessRunner.swiftdump,
                                                ["-r", file, "-w", output, "--program", programFile])
                #expect(run.status == 0, "\(file) '\(expression)': \(run.errorText)")
                let kept = try LibpcapOracle.read(output)
                #expect(kept.error == nil)
                #expect(kept.packets == expected, "\(file) '\(expression)': kept \(kept.packets.count), libpcap \(expected.count)")
                compared += 1
            }
        }
        // Our own captures alone give 12 comparisons; the corpus, when present, hundreds more.
        #expect(compared >= 12)
    }
}
