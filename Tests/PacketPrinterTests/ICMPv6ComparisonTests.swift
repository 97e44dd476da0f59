import Foundation
import PacketPrinter
import PcapFile
import PrintComparison
import Testing

/// Hand-built ICMPv6 messages and IPv6 option headers, compared with `tcpdump -n` and
/// `tcpdump -n -v` run in the test: whole (every row must be covered and identical) and cut
/// at every length (covered lines identical, so truncation marks are tcpdump's).
@Suite struct ICMPv6ComparisonTests {
    /// One hand-built packet: raw IPv6 whose extension headers end in ICMPv6 (or not).
    struct Row: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// The verbosity levels (0 or 1) at which our printer does not claim the line.
        var uncoveredAt: Set<Int> = []
        /// The length on the wire, when more than was captured.
        var wire: Int?
        var description: String { name }
    }

    static let source: [UInt8] = [0xfe, 0x80] + Array(repeating: 0, count: 13) + [1]
    static let destination: [UInt8] = [0xff, 0x02] + Array(repeating: 0, count: 13) + [1]
    static let quotedSource: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [2]
    static let quotedDestination: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [3]

    static func u16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xff), UInt8(value & 0xff)] }
    static func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian, Array.init) }

    /// An IPv6 header with `payload` (extension headers included) after it.
    static func ipv6(next: UInt8, payload: [UInt8], source: [UInt8] = source,
                     destination: [UInt8] = destination) -> [UInt8] {
        [0x60, 0, 0, 0] + u16(payload.count) + [next, 64] + source + destination + payload
    }

    /// An IPv6 packet carrying `message` (its checksum filled in unless `badChecksum`),
    /// behind `extensions` whose first next-header value is `first`.
    /// `finalDestination` is the address the checksum covers (a routing header's last).
    static func icmpv6(_ message: [UInt8], extensions: [UInt8] = [], first: UInt8 = 58,
                       badChecksum: Bool = false, finalDestination: [UInt8] = destination) -> [UInt8] {
        var message = message
        var sum: UInt32 = 0
        let pseudo = source + finalDestination + u32(UInt32(message.count)) + [0, 0, 0, 58]
        let summed = pseudo + message + (message.count % 2 == 1 ? [0] : [])
        for i in stride(from: 0, to: summed.count, by: 2) { sum += UInt32(summed[i]) << 8 | UInt32(summed[i + 1]) }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        let checksum = ~UInt16(sum) &+ (badChecksum ? 1 : 0)
        message[2] = UInt8(checksum >> 8)
        message[3] = UInt8(checksum & 0xff)
        return ipv6(next: extensions.isEmpty ? 58 : first, payload: extensions + message)
    }

    /// The packet an error message quotes: IPv6 then `transport` (next header `next`).
    static func quoted(next: UInt8, _ transport: [UInt8]) -> [UInt8] {
        ipv6(next: next, payload: transport, source: quotedSource, destination: quotedDestination)
    }

    /// An IPv6 header whose payload length field is zero (a jumbogram's), then `payload`.
    static func jumbogram(next: UInt8, _ payload: [UInt8]) -> [UInt8] {
        [0x60, 0, 0, 0, 0, 0, next, 64] + source + destination + payload
    }

    static let quotedUDP = quoted(next: 17, u16(5000) + u16(53) + u16(8) + [0, 0])
    static let quotedTCP = quoted(next: 6, u16(5000) + u16(80) + u32(1) + u32(0) + [0x50, 2, 0xff, 0xff, 0, 0, 0, 0])
    static let group: [UInt8] = [0xff, 0x02] + Array(repeating: 0, count: 10) + [0x0d, 0xb8, 0x11, 0x22]

    /// A neighbour discovery option: type, length in 8-byte units, body.
    static func option(_ type: UInt8, _ body: [UInt8]) -> [UInt8] {
        let padded = body + Array(repeating: 0, count: (8 - (body.count + 2) % 8) % 8)
        return [type, UInt8((padded.count + 2) / 8)] + padded
    }

    static let linkAddress: [UInt8] = [0x02, 0x42, 0xac, 0x11, 0x00, 0x02]
    static let prefix: [UInt8] = [0x20, 0x01, 0x0d, 0xb8, 0, 1] + Array(repeating: 0, count: 10)
    static let routerOptions: [UInt8] =
        option(1, linkAddress)
        + option(3, [64, 0xc0] + u32(2_592_000) + u32(0xffff_ffff) + u32(0) + prefix)
        + option(5, [0, 0] + u32(1500))
        + option(25, [0, 0] + u32(600) + prefix + quotedDestination)
        + option(31, [0, 0] + u32(600) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 2, 0x61, 0x62, 0])
        + option(7, [0, 0] + u32(5000))
        + option(8, [0, 0] + u16(50001) + u16(15))
        + option(24, [0, 0x08] + u32(7200))
        + option(24, [48, 0x18] + u32(0xffff_ffff) + Array(prefix.prefix(8)))
        + option(24, [64, 0x10] + u32(60) + prefix)
    static let hopByHop: [UInt8] = [58, 0, 5, 2, 0, 0, 1, 0]

    static let rows: [Row] = [
        Row(name: "echo request", bytes: icmpv6([128, 0, 0, 0] + u16(9) + u16(3) + Array("abcdef".utf8))),
        Row(name: "echo reply", bytes: icmpv6([129, 0, 0, 0] + u16(9) + u16(3))),
        Row(name: "bad checksum", bytes: icmpv6([128, 0, 0, 0] + u16(1) + u16(2), badChecksum: true)),
        Row(name: "no route", bytes: icmpv6([1, 0, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "prohibited", bytes: icmpv6([1, 1, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "beyond scope", bytes: icmpv6([1, 2, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "address unreachable", bytes: icmpv6([1, 3, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "udp port unreachable", bytes: icmpv6([1, 4, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "tcp port unreachable", bytes: icmpv6([1, 4, 0, 0, 0, 0, 0, 0] + quotedTCP)),
        Row(name: "port unreachable behind options",
            bytes: icmpv6([1, 4, 0, 0, 0, 0, 0, 0]
                          + quoted(next: 0, [17, 0, 1, 4, 0, 0, 0, 0] + u16(7) + u16(9) + u16(8) + [0, 0]))),
        Row(name: "port unreachable of icmp6", bytes: icmpv6([1, 4, 0, 0, 0, 0, 0, 0] + quoted(next: 58, [128, 0, 0, 0]))),
        Row(name: "unknown unreachable code", bytes: icmpv6([1, 9, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "packet too big", bytes: icmpv6([2, 0, 0, 0] + u32(1280) + quotedTCP)),
        Row(name: "hop limit exceeded", bytes: icmpv6([3, 0, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "reassembly time exceeded", bytes: icmpv6([3, 1, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "unknown time exceeded code", bytes: icmpv6([3, 7, 0, 0, 0, 0, 0, 0] + quotedUDP)),
        Row(name: "erroneous header", bytes: icmpv6([4, 0, 0, 0] + u32(6) + quotedUDP)),
        Row(name: "unknown next header", bytes: icmpv6([4, 1, 0, 0] + u32(40) + quotedUDP)),
        Row(name: "unknown option", bytes: icmpv6([4, 2, 0, 0] + u32(42) + quotedUDP)),
        Row(name: "incomplete chain", bytes: icmpv6([4, 3, 0, 0] + u32(48) + quotedUDP)),
        Row(name: "unknown parameter code", bytes: icmpv6([4, 8, 0, 0] + u32(48) + quotedUDP)),
        Row(name: "listener query v1", bytes: icmpv6([130, 0, 0, 0] + u16(10000) + [0, 0] + group)),
        Row(name: "listener report v1", bytes: icmpv6([131, 0, 0, 0, 0, 0, 0, 0] + group)),
        Row(name: "listener done", bytes: icmpv6([132, 0, 0, 0, 0, 0, 0, 0] + group)),
        Row(name: "listener query of odd length", bytes: icmpv6([130, 0, 0, 0, 0, 0, 0, 0] + group + [0, 0])),
        Row(name: "listener query v2", bytes: icmpv6([130, 0, 0, 0] + u16(10000) + [0, 0] + Array(repeating: 0, count: 16)
                                                     + [2, 60, 0, 0], extensions: hopByHop, first: 0)),
        Row(name: "listener query v2 with sources",
            bytes: icmpv6([130, 0, 0, 0] + u16(0x8a10) + [0, 0] + group + [0x0a, 0x9c] + u16(2) + prefix + quotedSource)),
        Row(name: "listener query v2 with too many sources",
            bytes: icmpv6([130, 0, 0, 0] + u16(1) + [0, 0] + group + [0, 0] + u16(3) + prefix)),
        Row(name: "listener report v2",
            bytes: icmpv6([143, 0, 0, 0, 0, 0] + u16(3) + [4, 0] + u16(0) + group + [1, 0] + u16(2) + group + prefix
                          + quotedSource + [9, 0] + u16(0) + group, extensions: hopByHop, first: 0)),
        Row(name: "listener report v2 with too many groups", bytes: icmpv6([143, 0, 0, 0, 0, 0] + u16(2) + [3, 0] + u16(0) + group)),
        Row(name: "listener report v2 with too many sources",
            bytes: icmpv6([143, 0, 0, 0, 0, 0] + u16(1) + [5, 0] + u16(4) + group + prefix)),
        Row(name: "router solicitation", bytes: icmpv6([133, 0, 0, 0, 0, 0, 0, 0] + option(1, linkAddress))),
        Row(name: "router advertisement",
            bytes: icmpv6([134, 0, 0, 0, 64, 0xe8] + u16(1800) + u32(30000) + u32(1000) + routerOptions)),
        Row(name: "router advertisement with an unknown option",
            bytes: icmpv6([134, 0, 0, 0, 255, 0] + u16(0) + u32(0) + u32(0) + option(38, u16(0x0708) + prefix.prefix(12))
                          + option(1, linkAddress))),
        Row(name: "router advertisement with a zero-length option",
            bytes: icmpv6([134, 0, 0, 0, 255, 0x18] + u16(0) + u32(0) + u32(0) + option(5, [0, 0] + u32(1280))
                          + [1, 0, 0, 0, 0, 0, 0, 0])),
        Row(name: "router advertisement with odd lengths",
            bytes: icmpv6([134, 0, 0, 0, 255, 0x08] + u16(0) + u32(0) + u32(0) + option(5, [0, 0] + u32(1280) + [1, 2, 3])
                          + option(3, [64, 0x20] + u32(1) + u32(2) + u32(0) + prefix + [9, 9]))),
        Row(name: "router advertisement with reserved flags",
            bytes: icmpv6([134, 0, 0, 0, 1, 0x17] + u16(0) + u32(0xffff_ffff) + u32(0) + option(24, [0, 0x18] + u32(9)))),
        Row(name: "router advertisement with other reserved flags",
            bytes: icmpv6([134, 0, 0, 0, 1, 0x15] + u16(0) + u32(0) + u32(0))),
        Row(name: "domain search list with escapes",
            bytes: icmpv6([134, 0, 0, 0, 1, 0] + u16(0) + u32(0) + u32(0)
                          + option(31, [0, 0] + u32(0xffff_ffff) + [3, 0x41, 0x90, 0x07, 2, 0x2e, 0x20, 0]))),
        Row(name: "domain search list with a pointer",
            bytes: icmpv6([134, 0, 0, 0, 1, 0] + u16(0) + u32(0) + u32(0)
                          + option(31, [0, 0] + u32(1) + [1, 0x61, 0xc0, 0])), uncoveredAt: [1]),
        Row(name: "echo in a first fragment",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 0, 1] + u32(0x1234), first: 44)),
        Row(name: "port unreachable behind a fragment",
            bytes: icmpv6([1, 4, 0, 0, 0, 0, 0, 0] + quoted(next: 44, [6, 0, 0, 0] + u32(7) + u16(1) + u16(22) + u32(0)))),
        Row(name: "neighbor advertisement with reserved flags", bytes: icmpv6([136, 0, 0, 0, 0x1f, 0xff, 0, 1] + prefix)),
        Row(name: "neighbor solicitation", bytes: icmpv6([135, 0, 0, 0, 0, 0, 0, 0] + prefix + option(1, linkAddress)
                                                         + option(14, [1, 2, 3, 4, 5, 6]))),
        Row(name: "neighbor advertisement", bytes: icmpv6([136, 0, 0, 0, 0xe0, 0, 0, 0] + prefix + option(2, linkAddress))),
        Row(name: "neighbor advertisement without flags", bytes: icmpv6([136, 0, 0, 0, 0, 0, 0, 0] + prefix)),
        Row(name: "redirect", bytes: icmpv6([137, 0, 0, 0, 0, 0, 0, 0] + source + prefix + option(2, linkAddress)
                                            + option(4, [0, 0, 0, 0, 0, 0] + quotedUDP))),
        Row(name: "inverse neighbor solicitation", bytes: icmpv6([141, 0, 0, 0, 0, 0, 0, 0])),
        Row(name: "ha discovery request", bytes: icmpv6([144, 0, 0, 0] + u16(0x1234) + [0, 0])),
        Row(name: "ha discovery reply", bytes: icmpv6([145, 0, 0, 0] + u16(0x1234) + [0, 0] + prefix + quotedSource)),
        Row(name: "mobile router solicitation", bytes: icmpv6([146, 0, 0, 0] + u16(0xabcd) + [0, 0])),
        Row(name: "mobile router advertisement",
            bytes: icmpv6([147, 0, 0, 0] + u16(0xabcd) + [0xc0, 0] + option(3, [64, 0xc0] + u32(1) + u32(2) + u32(0) + prefix))),
        Row(name: "unknown type", bytes: icmpv6([160, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])),
        Row(name: "mtrace", bytes: icmpv6([200, 0, 0, 0, 1, 2, 3, 4])),
        Row(name: "renumbering command",
            bytes: icmpv6([138, 0, 0, 0] + u32(7) + [1, 0xf8] + u16(300) + u32(0) + [1, 11, 2, 48, 16, 64, 0, 0] + prefix
                          + [48, 16, 0xff, 0xc0] + u32(0xffff_ffff) + u32(600) + [0xc0, 0, 0, 0] + prefix
                          + [64, 64, 0, 0] + u32(1) + u32(0xffff_ffff) + u32(0) + quotedSource)),
        Row(name: "renumbering command with a bad length",
            bytes: icmpv6([138, 0, 0, 0] + u32(7) + [0, 0] + u16(0) + u32(5) + [9, 5, 2, 48, 16, 64, 0, 0] + prefix)),
        Row(name: "renumbering result", bytes: icmpv6([138, 1, 0, 0] + u32(1) + [0, 0, 0, 0] + u32(0) + u32(0))),
        Row(name: "renumbering reset", bytes: icmpv6([138, 255, 0, 0] + u32(1) + [0, 0, 0, 0] + u32(0))),
        Row(name: "renumbering unknown code", bytes: icmpv6([138, 9, 0, 0] + u32(1) + [0, 0, 0, 0] + u32(0))),
        Row(name: "rpl information solicitation", bytes: icmpv6([155, 0, 0, 0, 0, 0, 0, 0])),
        Row(name: "rpl information object",
            bytes: icmpv6([155, 1, 0, 0, 1, 2] + u16(256) + [0x8b, 7, 0, 0] + prefix + [2, 6, 0, 0, 0, 0, 0, 0])),
        Row(name: "rpl information object with another mode", bytes: icmpv6([155, 1, 0, 0, 1, 2] + u16(1) + [0x3f, 7, 0, 0] + prefix)),
        Row(name: "rpl advertisement", bytes: icmpv6([155, 2, 0, 0, 42, 0xc0, 0, 10] + prefix)),
        Row(name: "rpl advertisement without a dodag", bytes: icmpv6([155, 2, 0, 0, 42, 0x80, 0, 10] + prefix + [5, 2, 0, 0])),
        Row(name: "rpl advertisement too short", bytes: icmpv6([155, 2, 0, 0, 42, 0x40, 0, 10] + prefix.prefix(12))),
        Row(name: "rpl acknowledgement", bytes: icmpv6([155, 3, 0, 0, 43, 0x80, 11, 0] + prefix)),
        Row(name: "rpl acknowledgement without a dodag", bytes: icmpv6([155, 3, 0, 0, 43, 0, 11, 2])),
        Row(name: "rpl unknown code", bytes: icmpv6([155, 9, 0, 0, 1, 2, 3, 4])),
        Row(name: "rpl secured", bytes: icmpv6([155, 0x81, 0, 0, 1, 2, 3, 4])),
        Row(name: "who-are-you request", bytes: icmpv6([139, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4])),
        Row(name: "node information noop", bytes: icmpv6([139, 0, 0, 0] + u16(0) + u16(0) + u32(1) + u32(2))),
        Row(name: "node information qtypes", bytes: icmpv6([139, 0, 0, 0] + u16(1) + u16(1) + u32(1) + u32(2) + [0, 0])),
        Row(name: "node information 03 draft", bytes: icmpv6([139, 0, 0, 0] + u16(2) + u16(0) + u32(1) + u32(2))),
        Row(name: "node information name subject",
            bytes: icmpv6([139, 1, 0, 0] + u16(2) + u16(0) + u32(1) + u32(2) + [3] + Array("www".utf8) + [1, 0x41, 0])),
        Row(name: "node information name subject cut short",
            bytes: icmpv6([139, 1, 0, 0] + u16(2) + u16(0) + u32(1) + u32(2) + [3] + Array("www".utf8) + [9, 0x41])),
        Row(name: "node information pascal subject",
            bytes: icmpv6([139, 1, 0, 0] + u16(2) + u16(0) + u32(1) + u32(2) + [4] + Array("ab\u{7f}\u{90}".utf8).prefix(4))),
        Row(name: "node information ipv4 subject",
            bytes: icmpv6([139, 2, 0, 0] + u16(4) + u16(0) + u32(1) + u32(2) + [192, 0, 2, 1])),
        Row(name: "node information bad subject length",
            bytes: icmpv6([139, 0, 0, 0] + u16(3) + u16(0x3e) + u32(1) + u32(2) + [192, 0, 2, 1])),
        Row(name: "node information unknown subject", bytes: icmpv6([139, 7, 0, 0] + u16(3) + u16(0) + u32(1) + u32(2) + [0])),
        Row(name: "node information refused", bytes: icmpv6([140, 1, 0, 0] + u16(3) + u16(0) + u32(1) + u32(2) + [0, 0])),
        Row(name: "node information unknown", bytes: icmpv6([140, 2, 0, 0] + u16(3) + u16(0) + u32(1) + u32(2))),
        Row(name: "node information other code", bytes: icmpv6([140, 5, 0, 0] + u16(3) + u16(0) + u32(1) + u32(2))),
        Row(name: "node information reply noop", bytes: icmpv6([140, 0, 0, 0] + u16(0) + u16(0) + u32(1) + u32(2) + [0])),
        Row(name: "node information reply qtypes", bytes: icmpv6([140, 0, 0, 0] + u16(1) + u16(2) + u32(1) + u32(2))),
        Row(name: "node information reply name",
            bytes: icmpv6([140, 0, 0, 0] + u16(2) + u16(1) + u32(1) + u32(2) + u32(3600) + [4] + Array("host".utf8) + [0])),
        Row(name: "node information reply addresses",
            bytes: icmpv6([140, 0, 0, 0] + u16(3) + u16(0x7f) + u32(1) + u32(2) + u32(30) + prefix + u32(0xffff_ffff)
                          + quotedSource + [1, 2])),
        Row(name: "node information reply unknown type", bytes: icmpv6([140, 0, 0, 0] + u16(9) + u16(0) + u32(1) + u32(2))),
        Row(name: "hop-by-hop pad1 and unknown options",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 0, 0, 0x3e, 1, 0xaa, 0], first: 0)),
        Row(name: "jumbo option with a payload length",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 0xc2, 4] + u32(70000), first: 0)),
        Row(name: "destination options with a home address",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 3, 1, 2, 0, 0, 0xc9, 20] + prefix + [0, 1, 0]
                          + [0x99, 0] + [0, 0, 0, 0], first: 60)),
        Row(name: "destination options with a jumbo option",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 0xc2, 4] + u32(70000), first: 60)),
        Row(name: "echo behind a routing header",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 4, 0, 2, 0, 0, 0, 0] + prefix + quotedSource,
                          first: 43, finalDestination: quotedSource)),
        Row(name: "echo behind options and a type 2 routing header",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [43, 0, 1, 4, 0, 0, 0, 0] + [58, 2, 2, 1, 0, 0, 0, 0] + prefix,
                          first: 0, finalDestination: prefix)),
        Row(name: "echo behind a segment routing header",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 4, 4, 1, 1, 0, 0, 0] + quotedSource + prefix,
                          first: 43, finalDestination: quotedSource)),
        Row(name: "jumbogram", bytes: jumbogram(next: 0, [58, 0, 0xc2, 4] + u32(70000) + [128, 0, 0, 0, 0, 1, 0, 1]),
            wire: 70040),
        Row(name: "jumbogram behind destination options",
            bytes: jumbogram(next: 0, [60, 0, 0xc2, 4] + u32(65536) + [58, 0, 1, 4, 0, 0, 0, 0] + [128, 0, 0, 0])),
        Row(name: "jumbo option below 65536", bytes: jumbogram(next: 0, [58, 0, 0xc2, 4] + u32(1000) + [128, 0, 0, 0])),
        Row(name: "payload length zero", bytes: jumbogram(next: 58, [128, 0, 0, 0, 0, 1, 0, 1])),
        Row(name: "payload length zero behind a routing header",
            bytes: jumbogram(next: 43, [58, 2, 0, 1, 0, 0, 0, 0] + prefix + [128, 0, 0, 0, 0, 1, 0, 1])),
        Row(name: "payload length zero without a jumbo option", bytes: jumbogram(next: 0, [58, 0, 1, 4, 0, 0, 0, 0, 128, 0])),
        Row(name: "two hop-by-hop headers",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [0, 0, 1, 4, 0, 0, 0, 0] + [58, 0, 1, 4, 0, 0, 0, 0], first: 0)),
        Row(name: "hop-by-hop after destination options",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [0, 0, 1, 4, 0, 0, 0, 0] + [58, 0, 1, 4, 0, 0, 0, 0], first: 60)),
        Row(name: "bad router alert length",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 5, 3, 0, 0, 0, 0], first: 0)),
        Row(name: "option past the header",
            bytes: icmpv6([128, 0, 0, 0, 0, 1, 0, 1], extensions: [58, 0, 1, 9, 0, 0, 0, 0], first: 0)),
    ]

    static let verbosities: [(flags: [String], options: PrintOptions)] = [
        ([], PrintOptions()), (["-v"], PrintOptions(verbosity: 1)),
    ]

    /// Writes `packets` as a raw-IP capture, compares it with tcpdump at both verbosities, and
    /// hands each compared packet to `check`.
    static func compare(_ packets: [(data: [UInt8], wire: Int)],
                        check: ([String], PacketLines) -> Void) throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("icmp6-\(UUID()).pcap").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try PcapWriter(path: path, linkType: LinkTypeField(linkType: .raw), snapshotLength: 65535,
                                    precision: .microseconds, flushesEachPacket: false)
        for (index, packet) in packets.enumerated() {
            try writer.write(CapturedPacket(timestamp: Timestamp(seconds: Int64(index), nanoseconds: 0),
                                            originalLength: UInt32(packet.wire), data: packet.data, linkType: .raw))
        }
        try writer.close()
        for (flags, options) in verbosities {
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump, options: options,
                                                   tcpdumpFlags: ["-n"] + flags)
            for packet in file.packets { check(flags, packet) }
        }
    }

    @Test(arguments: rows)
    func wholeMessagesMatchTcpdump(row: Row) throws {
        try Self.compare([(row.bytes, row.wire ?? row.bytes.count)]) { flags, packet in
            #expect(packet.isCovered != row.uncoveredAt.contains(flags.count), "\(flags) \(row.name): \(packet.ours)")
            if packet.isCovered && !packet.isIdentical {
                Issue.record("\(flags) \(row.name)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
            }
        }
    }

    @Test(arguments: rows)
    func everyTruncationMatchesTcpdump(row: Row) throws {
        let prefixes = (40..<row.bytes.count).map { (Array(row.bytes.prefix($0)), row.wire ?? row.bytes.count) }
        try Self.compare(prefixes) { flags, packet in
            if packet.isCovered && !packet.isIdentical {
                Issue.record("\(flags) \(row.name) cut to \(packet.number + 39)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
            }
        }
    }
}
