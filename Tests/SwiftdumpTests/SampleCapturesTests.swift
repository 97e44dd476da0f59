import Foundation
import PacketCraft
import Testing

/// The files in `captures/` are exactly what the generator writes, and tcpdump reads each
/// packet as the protocol it was built to be.
@Suite struct SampleCapturesTests {
    @Test(arguments: SampleCaptures.all.map(\.fileName))
    func committedFileIsWhatTheGeneratorWrites(fileName: String) throws {
        let sample = try #require(SampleCaptures.all.first { $0.fileName == fileName })
        let fresh = ProcessRunner.temporaryFile(fileName)
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try SampleCaptureWriter.write(sample, to: fresh)
        let committed = ProcessRunner.packageRoot.appendingPathComponent("captures/\(fileName)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fresh)) == Data(contentsOf: committed),
                "captures/\(fileName) is stale: run `swift run GenerateCaptures`")
    }

    @Test(arguments: SampleCaptures.all.map(\.fileName))
    func tcpdumpReadsEveryPacketAsBuilt(fileName: String) throws {
        let sample = try #require(SampleCaptures.all.first { $0.fileName == fileName })
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"), "tcpdump is not installed (scripts/test installs it)")
        let path = ProcessRunner.packageRoot.appendingPathComponent("captures/\(fileName)").path
        let result = try ProcessRunner.run(tcpdump, ["-nn", "-e", "-r", path])
        #expect(result.status == 0, "\(result.errorText)")
        let lines = result.outputText.split(separator: "\n").map(String.init)
        #expect(lines.count == sample.packets.count)
        for (line, expected) in zip(lines, sample.expectedSummaries) {
            #expect(line.contains(expected), "tcpdump printed \(line)")
            #expect(!line.contains("[|"), "tcpdump found a truncated header: \(line)")
        }
    }
}
