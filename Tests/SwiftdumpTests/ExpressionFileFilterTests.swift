import Foundation
import Testing

/// `swiftdump -r F -w OUT 'expr'` keeps exactly the packets `tcpdump -r F -w OUT 'expr'`
/// (libpcap compiling for the file) keeps, on our captures and every corpus file libpcap reads
/// whose link type our compiler supports.
@Suite struct ExpressionFileFilterTests {
    static let expressions = [
        "(tcp port 80 or udp port 53 or icmp6 or portrange 1000-2000) and not host 10.0.0.1",
        "vlan and (ip or ip6) or arp or ether broadcast or ip multicast or greater 300",
    ]

    /// Includes DLT_NULL captures from BSD machines (icmpv6-RFC2894-RR.pcap): for a savefile
    /// libpcap 1.10.3 matches `ip6` on the BSD AF_INET6 values (30, 24, 28), not Linux's 10.
    @Test(arguments: FileFilterTests.captureFiles)
    func filteringAFileWithAnExpressionKeepsWhatLibpcapKeeps(file: String) throws {
        guard let everything = try? LibpcapOracle.read(file), everything.error == nil else { return }
        for expression in Self.expressions {
            guard let expected = try? LibpcapOracle.read(file, filter: expression), expected.error == nil else { continue }
            let output = ProcessRunner.temporaryFile("out.pcap")
            defer { try? FileManager.default.removeItem(atPath: output) }
            let run = try ProcessRunner.run(ProcessRunner.swiftdump, ["-r", file, "-w", output, expression])
            if run.errorText.contains("the filter compiler does not support link-type") { return }
            #expect(run.status == 0, "\(file) '\(expression)': \(run.errorText)")
            let kept = try LibpcapOracle.read(output)
            #expect(kept.error == nil)
            let same = kept.packets.count == expected.packets.count
                && zip(kept.packets, expected.packets).allSatisfy { $0.matches($1) }
            let message = Comment(rawValue: "\(file) '\(expression)': kept \(kept.packets.count), libpcap \(expected.packets.count)")
            #expect(same, message)
        }
    }

    /// tcpdump's messages and exit status for expressions it refuses.
    @Test(arguments: [
        (["-d", "udp port 70000"], "swiftdump: illegal port number 70000 > 65535"),
        (["-d", "tcp", "and"], "swiftdump: can't parse filter expression: syntax error"),
        (["-d", "ip6", "host", "1.2.3.4"], "swiftdump: 'ip6' modifier applied to ip host"),
        (["-d", "-y", "FOO", "tcp"], "swiftdump: invalid data link type FOO"),
        (["-d", "-y", "LINUX_SLL", "vlan"], "swiftdump: no VLAN support for Linux cooked v1"),
        (["-i", "lo", "-B", "0", "tcp"], "swiftdump: invalid packet buffer size 0"),
    ])
    func refusedExpressionsExitOneWithTcpdumpsMessage(arguments: [String], message: String) throws {
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, arguments)
        #expect(run.status == 1)
        #expect(run.errorText.split(separator: "\n").last.map(String.init) == message, "\(run.errorText)")
    }

    /// `-d` with neither `-r`, `-i` nor `-y` warns, as tcpdump does, and compiles for Ethernet;
    /// `-F` reads the expression from a file, ignores words after it, and blanks `#` comments.
    @Test func dumpTargetsAndExpressionFiles() throws {
        let plain = try ProcessRunner.run(ProcessRunner.swiftdump, ["-d", "ip"])
        #expect(plain.errorText == "Warning: assuming Ethernet\n")
        #expect(plain.outputText.hasPrefix("(000) ldh      [12]\n(001) jeq      #0x800"))
        let typed = try ProcessRunner.run(ProcessRunner.swiftdump, ["-d", "-y", "RAW", "-s", "0", "ip"])
        #expect(typed.errorText.isEmpty)
        #expect(typed.outputText.contains("ret      #262144"))
        let file = ProcessRunner.temporaryFile("filter.txt")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data("udp # not tcp\n".utf8).write(to: URL(fileURLWithPath: file))
        let fromFile = try ProcessRunner.run(ProcessRunner.swiftdump, ["-d", "-F", file, "tcp"])
        let udp = try ProcessRunner.run(ProcessRunner.swiftdump, ["-d", "udp"])
        #expect(fromFile.status == 0)
        #expect(fromFile.outputText == udp.outputText)
        let live = try ProcessRunner.run(ProcessRunner.swiftdump, ["-d", "-i", "lo", "inbound"])
        #expect(live.outputText.hasPrefix("(000) ldh      [type]"))
    }
}
