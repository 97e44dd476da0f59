import Foundation
import Testing

/// A pcapng file whose interfaces have different link types (which libpcap refuses to
/// open) is read packet by packet; writing it to one pcap file stops, after the packets that
/// fit, at the first packet of another link type.
@Suite struct MixedLinkTypeTests {
    /// A little-endian pcapng block: type, total length, body padded to 32 bits, length again.
    static func block(_ type: UInt32, _ body: [UInt8]) -> [UInt8] {
        let padded = body + [UInt8](repeating: 0, count: (4 - body.count % 4) % 4)
        let length = UInt32(12 + padded.count)
        return le(type) + le(length) + padded + le(length)
    }

    static func le(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
    static func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    static func packet(interface: UInt32, _ data: [UInt8]) -> [UInt8] {
        block(6, le(interface) + le(0) + le(0) + le(UInt32(data.count)) + le(UInt32(data.count)) + data)
    }

    static var file: [UInt8] {
        let section = block(0x0A0D_0D0A, le(0x1A2B_3C4D) + le16(1) + le16(0) + [UInt8](repeating: 0xff, count: 8))
        let ethernet = block(1, le16(1) + le16(0) + le(0))
        let raw = block(1, le16(101) + le16(0) + le(0))
        let frame = [UInt8](repeating: 0xaa, count: 14)
        let ip: [UInt8] = [0x45] + [UInt8](repeating: 0, count: 19)
        return section + ethernet + raw + packet(interface: 0, frame) + packet(interface: 0, frame)
            + packet(interface: 1, ip) + packet(interface: 0, frame)
    }

    @Test func everyPacketIsReadAndPrintedWithItsOwnLinkType() throws {
        let input = ProcessRunner.temporaryFile("mixed.pcapng")
        defer { try? FileManager.default.removeItem(atPath: input) }
        try Data(Self.file).write(to: URL(fileURLWithPath: input))
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", input])
        #expect(run.status == 0, "\(run.errorText)")
        // An Ethernet frame of an unknown type prints its addresses; the raw one is IPv4.
        let starts = run.outputText.split(separator: "\n").map { $0.split(separator: " ")[1] }
        #expect(starts == ["aa:aa:aa:aa:aa:aa", "aa:aa:aa:aa:aa:aa", "IP", "aa:aa:aa:aa:aa:aa"])
    }

    @Test func writingStopsAtTheFirstPacketOfAnotherLinkType() throws {
        let input = ProcessRunner.temporaryFile("mixed.pcapng")
        let output = ProcessRunner.temporaryFile("out.pcap")
        defer {
            try? FileManager.default.removeItem(atPath: input)
            try? FileManager.default.removeItem(atPath: output)
        }
        try Data(Self.file).write(to: URL(fileURLWithPath: input))
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", input, "-w", output])
        #expect(run.status == 1)
        #expect(run.errorText.contains(
            "swiftdump: packet 3 has link-type RAW (Raw IP), but the file being written has link-type EN10MB (Ethernet)"),
            "\(run.errorText)")
        #expect(try LibpcapOracle.read(output).packets.count == 2)
    }
}
