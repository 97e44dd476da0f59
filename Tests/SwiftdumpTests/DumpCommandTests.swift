import Foundation
import Testing

/// `swiftdump --program p.ddd -d/-dd/-ddd` prints exactly what tcpdump printed for the
/// program it compiled.
@Suite struct DumpCommandTests {
    static let expressions = [
        "tcp port 80", "host 10.1.2.3 and not udp", "vlan and udp", "tcp[tcpflags] & tcp-syn != 0",
        "ip6 and icmp6", "arp or rarp", "portrange 1000-2000", "ip[2:2] > 576", "ether broadcast",
        "net 192.168.0.0/16 and (port 53 or port 123)", "ip proto 47", "len <= 64", "mpls and ip",
        "ip6 protochain 6", "pppoes 7 and ip", "greater 1000 and ip multicast", "udp dst port 4789",
        "icmp[icmptype] == icmp-echo", "ip host 1.2.3.4 or ip6 host ::1", "not ip and not ip6",
    ]

    @Test(arguments: expressions)
    func dumpsMatchTcpdump(expression: String) throws {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"), "tcpdump is not installed (scripts/test installs it)")
        let decimal = try ProcessRunner.run(tcpdump, ["-y", "EN10MB", "-ddd", expression])
        #expect(decimal.status == 0, "\(decimal.errorText)")
        let programFile = ProcessRunner.temporaryFile("program.ddd")
        defer { try? FileManager.default.removeItem(atPath: programFile) }
        try decimal.standardOutput.write(to: URL(fileURLWithPath: programFile))
        for flag in ["-d", "-dd", "-ddd"] {
            let theirs = try ProcessRunner.run(tcpdump, ["-y", "EN10MB", flag, expression])
            let ours = try ProcessRunner.run(ProcessRunner.swiftdump, ["--program", programFile, flag])
            #expect(ours.status == 0, "\(ours.errorText)")
            #expect(ours.outputText == theirs.outputText, "\(flag) \(expression)")
        }
    }
}
