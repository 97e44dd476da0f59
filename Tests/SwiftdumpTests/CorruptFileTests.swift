import Foundation
import Testing

/// A damaged capture ends with one `swiftdump: …` line and exit 1, after every packet intact
/// before the damage has been written.
@Suite struct CorruptFileTests {
    static let source = ProcessRunner.packageRoot.appendingPathComponent("captures/mixed.pcap").path

    /// Cut points: every record boundary and its neighbours, inside the file header, and a
    /// stride through packet bodies.
    static var cutPoints: [Int] {
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: source)) else { return [] }
        var cuts: Set<Int> = [0, 1, 4, 23, 24, 25]
        var offset = 24
        while offset + 16 <= bytes.count {
            let captured = bytes[(offset + 8)..<(offset + 12)].enumerated()
                .reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            cuts.formUnion([offset + 1, offset + 15, offset + 16, offset + 17, offset + 16 + captured - 1])
            offset += 16 + captured
        }
        cuts.formUnion(stride(from: 30, to: bytes.count, by: 37))
        return cuts.filter { $0 < bytes.count }.sorted()
    }

    @Test func truncatedFilesKeepEveryIntactPacket() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.source))
        let cuts = Self.cutPoints
        #expect(cuts.count > 50)
        for cut in cuts {
            let damaged = ProcessRunner.temporaryFile("cut-\(cut).pcap")
            let output = ProcessRunner.temporaryFile("kept.pcap")
            defer {
                try? FileManager.default.removeItem(atPath: damaged)
                try? FileManager.default.removeItem(atPath: output)
            }
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: damaged))
            let oracle = try? LibpcapOracle.read(damaged)
            let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", damaged, "-w", output])
            let errorLines = run.errorText.split(separator: "\n").filter { !$0.hasPrefix("reading from file") }
            guard let oracle else {
                // libpcap cannot even open it (cut inside the file header): neither can we.
                #expect(run.status == 1, "cut at \(cut)")
                #expect(errorLines.count == 1 && errorLines[0].hasPrefix("swiftdump: "), "cut at \(cut): \(run.errorText)")
                continue
            }
            #expect(run.status == (oracle.error == nil ? 0 : 1), "cut at \(cut): \(run.errorText)")
            if oracle.error != nil {
                #expect(errorLines.count == 1 && errorLines[0].hasPrefix("swiftdump: truncated dump file"),
                        "cut at \(cut): \(run.errorText)")
            }
            let kept = try LibpcapOracle.read(output)
            #expect(kept.packets == oracle.packets, "cut at \(cut)")
        }
    }

    @Test(arguments: [
        ("bad magic", [UInt8](repeating: 0x41, count: 64), "swiftdump: unknown file format"),
        ("absurd caplen",
         [0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0]
            + [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f, 0xff, 0xff, 0xff, 0x7f],
         "swiftdump: invalid packet capture length"),
        ("empty file", [], "swiftdump: "),
    ])
    func corruptFilesFailWithOneLine(name: String, bytes: [UInt8], expectedPrefix: String) throws {
        let damaged = ProcessRunner.temporaryFile("\(name).pcap")
        defer { try? FileManager.default.removeItem(atPath: damaged) }
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", damaged])
        #expect(run.status == 1)
        let errorLines = run.errorText.split(separator: "\n").filter { !$0.hasPrefix("reading from file") }
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.hasPrefix(expectedPrefix) == true, "\(name): \(run.errorText)")
    }
}
