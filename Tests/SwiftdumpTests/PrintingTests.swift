import Foundation
import Testing

/// `swiftdump -r` prints packets through the PacketPrinter exactly as `tcpdump -r` does,
/// with the printing flags passed through.
@Suite struct PrintingTests {
    static func sample(_ name: String) -> String {
        ProcessRunner.packageRoot.appendingPathComponent("captures/\(name)").path
    }

    @Test(arguments: [
        ["-n"], ["-nn"], ["-n", "-e"], ["-n", "-q"], ["-n", "-t"], ["-n", "-tt"], ["-n", "-ttt"], ["-n", "-tttt"],
        ["-n", "-ttttt"], ["-n", "-x"], ["-n", "-xx"], ["-n", "-X"], ["-n", "-XX"], ["-n", "-A"], ["-n", "-#"],
        ["-n", "-e", "-#", "-XX"], [], ["--nano", "-n"],
    ])
    func linesMatchTcpdump(flags: [String]) throws {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"))
        setenv("TZ", "UTC", 1)
        for name in ["mixed.pcap", "vlan.pcap", "raw-ip.pcap", "nanosecond.pcap"] {
            let ours = try ProcessRunner.run(ProcessRunner.swiftdump, flags + ["-r", Self.sample(name)])
            let theirs = try ProcessRunner.run(tcpdump, flags + ["-r", Self.sample(name)])
            #expect(ours.status == 0, "\(ours.errorText)")
            #expect(ours.outputText == theirs.outputText, "\(flags) \(name)")
        }
    }

    @Test func filterAndCountPrintOnlyMatchingPackets() throws {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"))
        setenv("TZ", "UTC", 1)
        let arguments = ["-n", "-c", "3", "-r", Self.sample("mixed.pcap"), "tcp"]
        let ours = try ProcessRunner.run(ProcessRunner.swiftdump, arguments)
        let theirs = try ProcessRunner.run(tcpdump, arguments)
        #expect(ours.outputText == theirs.outputText)
        #expect(ours.outputText.split(separator: "\n").count == 3)
    }
}
