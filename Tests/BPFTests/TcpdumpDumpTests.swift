import Foundation
import Testing
import BPF

/// Whole `-d`, `-dd` and `-ddd` output against the real tcpdump 4.99 on this machine: tcpdump's
/// `-ddd` text is assembled into a program, and our three dumps of it must equal tcpdump's
/// standard output byte for byte. tcpdump's `-d` and `-dd` texts must assemble to the same
/// program too.
@Suite struct TcpdumpDumpTests {
    /// tcpdump arguments before the expression, and the expression. `-i lo`/`-i any` compile for
    /// a live Linux socket, which brings the ancillary loads (`[vlanp]`, `[vlan_tci]`, `[type]`).
    static let cases: [(options: [String], expression: String)] = [
        (["-y", "EN10MB"], "ip"),
        (["-y", "EN10MB"], "arp or rarp"),
        (["-y", "EN10MB"], "tcp port 80"),
        (["-y", "EN10MB"], "ip and tcp port 80"),
        (["-y", "EN10MB"], "udp port 53"),
        (["-y", "EN10MB"], "host 192.168.1.1"),
        (["-y", "EN10MB"], "net 10.0.0.0/8 and not src net 10.1.0.0/16"),
        (["-y", "EN10MB"], "ether host 00:11:22:33:44:55"),
        (["-y", "EN10MB"], "ether broadcast or ether multicast"),
        (["-y", "EN10MB"], "ip6 and tcp port 443"),
        (["-y", "EN10MB"], "icmp6"),
        (["-y", "EN10MB"], "tcp[tcpflags] & (tcp-syn|tcp-ack) != 0"),
        (["-y", "EN10MB"], "ip[2:2] > 576"),
        (["-y", "EN10MB"], "greater 100 and less 1000"),
        (["-y", "EN10MB"], "len > 1500"),
        (["-y", "EN10MB"], "vlan 10 and ip"),
        (["-y", "EN10MB"], "mpls 100 and ip"),
        (["-y", "EN10MB"], "pppoes 3 and ip"),
        (["-y", "EN10MB"], "ip proto 47"),
        (["-y", "EN10MB"], "portrange 1000-2000"),
        (["-y", "EN10MB"], "src port 22 or dst port 23"),
        (["-y", "EN10MB"], "icmp[icmptype] = icmp-echo"),
        (["-y", "EN10MB"], "ip and (ip[2:2] - ((ip[0]&0xf)<<2)) > 100"),
        (["-y", "EN10MB"], "ip[1] * 3 = 6 or ip[1] / 3 = 2 or ip[1] % 3 = 1"),
        (["-y", "EN10MB"], "ip[1] ^ 3 = 1 or ip[1] | 1 = 7 or ip[1] >> 1 = 6 or ip[1] + 1 = 6"),
        (["-y", "EN10MB"], "7 = -ip[1]"),
        (["-y", "EN10MB"], "ip[0] & 0xf != 5 and tcp[13] = 0x12"),
        (["-y", "EN10MB"], "udp and ip[6:2] & 0x1fff = 0 and udp[8:4] = 0xdeadbeef"),
        (["-y", "EN10MB"], "geneve"),
        (["-y", "EN10MB", "-O"], "ip and ip"),
        (["-y", "EN10MB", "-s", "96"], "tcp"),
        (["-y", "LINUX_SLL2"], "ip and port 80"),
        (["-y", "RAW"], "ip[8] = 64"),
        (["-y", "IEEE802_11_RADIO"], "wlan type mgt"),
        (["-i", "lo"], "vlan"),
        (["-i", "lo"], "vlan 5 and ip"),
        (["-i", "any"], "inbound"),
        (["-i", "any"], "ifindex 1"),
    ]

    @Test(arguments: cases.indices)
    func ourDumpsEqualTcpdumps(index: Int) throws {
        let (options, expression) = Self.cases[index]
        let listing = try Self.tcpdump(["-d"] + options + [expression])
        let cArray = try Self.tcpdump(["-dd"] + options + [expression])
        let decimal = try Self.tcpdump(["-ddd"] + options + [expression])
        let program = try Program(assembling: decimal)
        #expect(program.count > 0)
        #expect(program.dump(.listing) == listing, "\(expression): -d")
        #expect(program.dump(.cArray) == cArray, "\(expression): -dd")
        #expect(program.dump(.decimal) == decimal, "\(expression): -ddd")
        #expect(try Program(assembling: cArray) == program, "\(expression): -dd assembled")
        let fromListing = try Program(assembling: listing)
        #expect(fromListing.instructions == program.instructions, "\(expression): -d assembled")
    }

    /// tcpdump's standard output (its stderr warnings, e.g. "Warning: assuming Ethernet",
    /// are not part of the dump).
    static func tcpdump(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tcpdump")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "tcpdump \(arguments) failed")
        return String(decoding: data, as: UTF8.self)
    }
}
