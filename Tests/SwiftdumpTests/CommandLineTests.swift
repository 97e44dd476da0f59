import Foundation
import Testing

/// The command line behaves as tcpdump's does: its messages (prefixed `swiftdump:`), exit 1
/// on errors, `-c`, `--count`, `-#`, `-r -` and `-w -`.
@Suite struct CommandLineTests {
    static let mixed = ProcessRunner.packageRoot.appendingPathComponent("captures/mixed.pcap").path
    static let nano = ProcessRunner.packageRoot.appendingPathComponent("captures/nanosecond.pcap").path

    @Test(arguments: [
        (["-r", mixed, "-c", "abc"], "swiftdump: invalid packet count abc"),
        (["-r", mixed, "-c", "0"], "swiftdump: invalid packet count 0"),
        (["-r", "/nonexistent.pcap"], "swiftdump: /nonexistent.pcap: No such file or directory"),
        (["-r", mixed, "--time-stamp-precision", "pico"], "swiftdump: unsupported time stamp precision"),
        (["-r", mixed, "tcp", "port", "80000"], "swiftdump: illegal port number 80000 > 65535"),
        (["--program", "/nonexistent.ddd", "-d"], "swiftdump: /nonexistent.ddd: No such file or directory"),
        (["--no-such-flag"], "swiftdump: "),
    ])
    func errorsAreOneLineAndExitOne(arguments: [String], expected: String) throws {
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, arguments)
        #expect(run.status == 1)
        let lines = run.errorText.split(separator: "\n").filter { !$0.hasPrefix("reading from file") }
        #expect(lines.count == 1, "\(run.errorText)")
        #expect(lines.first?.hasPrefix(expected) == true, "\(run.errorText)")
    }

    @Test func badProgramNamesTheLine() throws {
        let file = ProcessRunner.temporaryFile("bad.asm")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("ldh [12]\njeq #0x800, ok\nfrobnicate\nok: ret #-1\n".utf8).write(to: URL(fileURLWithPath: file))
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["--program", file, "-d"])
        #expect(run.status == 1)
        #expect(run.errorText.hasPrefix("swiftdump: "))
        #expect(run.errorText.contains("line 3"), "\(run.errorText)")
    }

    @Test func countPrintsOnlyTheNumber() throws {
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["--count", "-r", Self.mixed])
        #expect(run.status == 0)
        let total = try LibpcapOracle.read(Self.mixed).packets.count
        #expect(run.outputText == "\(total) packets\n")
    }

    @Test func packetLimitStopsAfterN() throws {
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", Self.mixed, "-c3", "-#"])
        #expect(run.status == 0)
        let lines = run.outputText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("    1  ") == true)
        #expect(lines.last?.hasPrefix("    3  ") == true)
        #expect(run.errorText.hasPrefix("reading from file \(Self.mixed), link-type EN10MB (Ethernet), snapshot length 262144"))
    }

    @Test func timestampsPrintInTheAskedPrecision() throws {
        let micro = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", Self.nano, "-c", "2"])
        let nano = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", Self.nano, "-c", "2", "--nano"])
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"))
        for (ours, flags) in [(micro, [String]()), (nano, ["--nano"])] {
            let theirs = try ProcessRunner.run(tcpdump, ["-r", Self.nano, "-c", "2"] + flags)
            let ourStamps = ours.outputText.split(separator: "\n").map { $0.prefix { $0 != " " } }
            let theirStamps = theirs.outputText.split(separator: "\n").map { $0.prefix { $0 != " " } }
            #expect(ourStamps == theirStamps)
        }
    }

    @Test func standardInputToStandardOutputRoundTrips() throws {
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.mixed))
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", "-", "-w", "-"], standardInput: input)
        #expect(run.status == 0, "\(run.errorText)")
        #expect(run.standardOutput == input)
    }

    @Test func nanoWritesANanosecondFile() throws {
        let output = ProcessRunner.temporaryFile("nano-out.pcap")
        defer { try? FileManager.default.removeItem(atPath: output) }
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", Self.nano, "--nano", "-w", output])
        #expect(run.status == 0, "\(run.errorText)")
        let written = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(written == (try Data(contentsOf: URL(fileURLWithPath: Self.nano))))
    }
}
