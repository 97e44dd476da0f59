import Testing
@testable import PcapFilter

/// One table: expression → canonical text, or → libpcap's message. Every row is also run
/// through libpcap: accepted rows must compile there and error rows must fail there with the
/// same message (the table is EN10MB-valid by construction).
@Suite struct ParseTableTests {
    enum Expected: Sendable, CustomStringConvertible {
        case canonical(String)
        case error(String)
        var description: String {
            switch self {
            case .canonical(let text): "→ \(text)"
            case .error(let message): "✗ \(message)"
            }
        }
    }

    static let rows: [(String, Expected)] = [
        ("", .canonical("")),
        ("   \t\n", .canonical("")),
        ("host 1.2.3.4", .canonical("host 1.2.3.4")),
        ("host 1.2.3.4 or 5.6.7.8", .canonical("host 1.2.3.4 or 5.6.7.8")),
        ("tcp dst port 80 or 443", .canonical("tcp dst port 80 or 443")),
        ("not host 10.0.0.1 and 10.0.0.2", .canonical("not host 10.0.0.1 and 10.0.0.2")),
        ("host 1.2.3.4 and (5.6.7.8 or 9.9.9.9)", .canonical("host 1.2.3.4 and (5.6.7.8 or 9.9.9.9)")),
        ("host (1.2.3.4 or 5.6.7.8)", .canonical("host (1.2.3.4 or 5.6.7.8)")),
        ("host 1.2.3.4 and (tcp) and 5.6.7.8", .canonical("host 1.2.3.4 and (tcp) and 5.6.7.8")),
        ("ip or tcp and udp", .canonical("ip or tcp and udp")),
        ("ip or (tcp and udp)", .canonical("ip or (tcp and udp)")),
        ("ip && tcp || !udp", .canonical("ip and tcp or not udp")),
        ("src or dst host 1.2.3.4", .canonical("src or dst host 1.2.3.4")),
        ("dst and src net 10.0.0.0/8", .canonical("src and dst net 10.0.0.0/8")),
        ("net 10.1", .canonical("net 10.1")),
        ("net 10.0.0.0 mask 255.0.0.0", .canonical("net 10.0.0.0 mask 255.0.0.0")),
        ("ip6 net 2001:db8::/32", .canonical("ip6 net 2001:db8::/32")),
        ("host ::ffff:1.2.3.4", .canonical("host ::ffff:1.2.3.4")),
        ("ether host 0102.0304.0506", .canonical("ether host 0102.0304.0506")),
        ("link src 1:2:3:4:5:6", .canonical("ether src 1:2:3:4:5:6")),
        ("portrange 80-90", .canonical("portrange 80-90")),
        ("ip proto \\tcp", .canonical("ip proto \\tcp")),
        ("ether proto \\arp", .canonical("ether proto \\arp")),
        ("ip6 protochain 6", .canonical("ip6 protochain 6")),
        ("len - 1 > 0x10", .canonical("len - 1 > 16")),
        ("1 + 2 % 3 + 4 = 3", .canonical("1 + 2 % 3 + 4 = 3")),
        ("1 ^ 2 + 3 == 4", .canonical("1 ^ 2 + 3 = 4")),
        ("(1 + 2) * 3 != len", .canonical("(1 + 2) * 3 != len")),
        ("- len % 2 < 1", .canonical("-len % 2 < 1")),
        ("tcp[tcpflags] & (tcp-syn|tcp-ack) != 0", .canonical("tcp[13] & (2 | 16) != 0")),
        ("ip[2:2] >= 0100", .canonical("ip[2:2] >= 64")),
        ("icmp[icmptype] = icmp-echo", .canonical("icmp[0] = 8")),
        ("less 100 or greater 1000", .canonical("less 100 or greater 1000")),
        ("vlan 100 and vlan (200)", .canonical("vlan 100 and vlan 200")),
        ("mpls 5", .canonical("mpls 5")),
        ("pppoed or pppoes (5)", .canonical("pppoed or pppoes 5")),
        ("geneve 10", .canonical("geneve 10")),
        ("llc i or llc RNR or llc", .canonical("llc i or llc RNR or llc")),
        ("ether broadcast or ip6 multicast", .canonical("ether broadcast or ip6 multicast")),
        ("byte 1 = 2", .canonical("byte 1 = 2")),
        ("not not ip", .canonical("not not ip")),
        ("((ip))", .canonical("(ip)")),
        ("host ((80) and 3.3.3.3)", .canonical("host (80 and 3.3.3.3)")),
        ("tcp and (80) + 1 > 0", .canonical("tcp and 80 + 1 > 0")),
        ("HOST 1.2.3.4", .error("can't parse filter expression: syntax error")),
        ("len-1 > 0", .error("can't parse filter expression: syntax error")),
        ("net 10/8", .error("can't parse filter expression: syntax error")),
        ("ip proto tcp", .error("can't parse filter expression: syntax error")),
        ("1.2.3.4", .error("can't parse filter expression: syntax error")),
        ("host ((1.2.3.4 or 2.2.2.2))", .error("can't parse filter expression: syntax error")),
        ("tcp and ( 80", .error("can't parse filter expression: syntax error")),
        ("greater (5)", .error("can't parse filter expression: syntax error")),
        ("vxlan", .error("can't parse filter expression: syntax error")),
        ("123456789012", .error("can't parse filter expression: syntax error")),
        ("tcp and 80", .error("syntax error in filter expression")),
        ("tcp and 80 )", .error("syntax error in filter expression")),
        ("(host 1.2.3.4) and 5.6.7.8", .error("syntax error in filter expression")),
        ("ip and not 80", .error("syntax error in filter expression")),
        ("len > 099", .error("number 099 contains non-octal digit")),
        ("len > 0x123456789", .error("number 0x123456789 overflows 32 bits")),
        ("len > 4294967296", .error("number 4294967296 overflows 32 bits")),
        ("host 1:2:3", .error("bogus ethernet address 1:2:")),
        ("host ::1.2.3.256", .error("bogus IPv6 address ::1.2.3.256")),
        ("host 1.2.3.256", .error("invalid IPv4 address '1.2.3.256'")),
        ("ether[0:3] = 1", .error("data size must be 1, 2, or 4")),
        ("len / 0 = 1", .error("division by zero")),
        ("len / (0 + 1) = 1", .error("division by zero")),
        ("len % ether[0] = 1", .error("modulus by zero")),
        ("len << 32 = 1", .error("shift by more than 31 bits")),
        ("port 70000", .error("illegal port number 70000 > 65535")),
        ("arp port 80", .error("illegal qualifier of 'port'")),
        ("host 1.2.3.4/33", .error("mask length must be <= 32")),
        ("net 1.2.3.4/24", .error("non-network bits set in \"1.2.3.4/24\"")),
        ("host 1.2.3.0/24", .error("Mask syntax for networks only")),
        ("host 01:02:03:04:05:06", .error("ethernet address used in non-ether expression")),
        ("ether host 1.2.3.4", .error("illegal link layer address")),
        ("port ::1", .error("invalid qualifier against IPv6 address")),
        ("port 1.2.3.4", .error("'port' modifier applied to ip host")),
        ("gateway foo", .error("'gateway' not supported in this configuration")),
        ("gateway 80", .error("'gateway' requires a name")),
        ("llc foo", .error("unknown LLC type name \"foo\"")),
        ("wlan type foo", .error("unknown 802.11 type name \"foo\"")),
        ("type 0x10", .error("invalid 802.11 type value 0x10")),
        ("type data subtype 0x3f", .error("invalid 802.11 subtype value 0x3f")),
        ("dir foo", .error("unknown 802.11 direction")),
        ("reason foo", .error("unknown PF reason \"foo\"")),
    ]

    @Test(arguments: rows)
    func parsesAsTheTableSays(_ row: (String, Expected)) throws {
        let (text, expected) = row
        switch expected {
        case .canonical(let canonical):
            let syntax = try FilterParser.parse(text)
            #expect(CanonicalPrinter.print(syntax) == canonical)
            #expect(try FilterParser.parse(canonical).withoutRanges == syntax.withoutRanges)
            #expect(LibpcapOracle.error(compiling: text) == nil, "libpcap rejects \(text)")
        case .error(let message):
            let libpcap = LibpcapOracle.error(compiling: text)
            #expect(libpcap == message, "libpcap says \(libpcap ?? "ok") for \(text)")
            #expect(ourError(parsing: text) == message)
        }
    }
}
