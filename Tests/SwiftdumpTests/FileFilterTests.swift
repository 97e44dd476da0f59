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

    @Test func theCorpusIsThere() {
        // Our own four captures, plus the shared corpus (hundreds of files) beside a checkout.
        #expect(Self.captureFiles.count >= 4)
    }

    @Test(arguments: captureFiles)
    func filteringAFileKeepsWhatLibpcapKeeps(file: String) throws {
        guard let everything = try? LibpcapOracle.read(file), everything.error == nil else { return }
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
            let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", file, "-w", output, "--program", programFile])
            #expect(run.status == 0, "\(file) '\(expression)': \(run.errorText)")
            let kept = try LibpcapOracle.read(output)
            #expect(kept.error == nil)
            #expect(kept.packets.count == expected.count && zip(kept.packets, expected).allSatisfy { $0.matches($1) },
                    "\(file) '\(expression)': kept \(kept.packets.count), libpcap \(expected.count)")
        }
    }
}
