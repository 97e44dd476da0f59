import Foundation
import PcapFile
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

    /// LINUX_SLL and LINUX_SLL2 (the `-i any` format) headers in every direction, with and
    /// without a link address, an unknown ethertype and a truncated payload: SLL2 lines
    /// name this host's interfaces as tcpdump does.
    @Test(arguments: [[], ["-e"], ["-q"], ["-e", "-q"], ["-x"], ["-X", "-e"]])
    func cookedHeadersMatchTcpdump(flags: [String]) throws {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"))
        setenv("TZ", "UTC", 1)
        let ip: [UInt8] = [0x45, 0, 0, 29, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
                           0x04, 0xd2, 0x16, 0x2e, 0, 9, 0, 0, 0x41]
        let mac: [UInt8] = [2, 0, 0, 0, 0, 1, 0, 0]
        func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }
        func sll2(_ index: UInt8, _ type: UInt8, proto: Int = 0x0800, payload: [UInt8]? = nil, addressLength: UInt8 = 6) -> [UInt8] {
            be16(proto) + [0, 0, 0, 0, 0, index] + be16(1) + [type, addressLength] + mac + (payload ?? ip)
        }
        func sll(_ type: Int, proto: Int = 0x0800, addressLength: Int = 6) -> [UInt8] {
            be16(type) + be16(1) + be16(addressLength) + mac + be16(proto) + ip
        }
        let files: [(LinkType, [[UInt8]])] = [
            (.linuxSLL2, [sll2(1, 0), sll2(1, 4), sll2(2, 1), sll2(99, 3), sll2(1, 2, addressLength: 0),
                          sll2(1, 0, proto: 0x86dd, payload: [])]),
            (.linuxSLL, [sll(0), sll(4), sll(1), sll(3), sll(2, addressLength: 0), sll(0, proto: 0x1234)]),
        ]
        for (linkType, frames) in files {
            let path = ProcessRunner.temporaryFile("cooked.pcap")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let writer = try PcapWriter(path: path, linkType: LinkTypeField(rawValue: linkType.rawValue),
                                        snapshotLength: 262_144, precision: .microseconds, flushesEachPacket: false)
            for (index, frame) in frames.enumerated() {
                try writer.write(CapturedPacket(timestamp: Timestamp(seconds: Int64(100 + index), nanoseconds: 0),
                                                originalLength: UInt32(frame.count), data: frame, linkType: linkType))
            }
            try writer.close()
            let ours = try ProcessRunner.run(ProcessRunner.swiftdump, ["-n"] + flags + ["-r", path])
            let theirs = try ProcessRunner.run(tcpdump, ["-n"] + flags + ["-r", path])
            #expect(ours.outputText == theirs.outputText, "\(linkType) \(flags)")
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
