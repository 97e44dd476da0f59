import BPF
import PcapFilter

/// The differential table: expression text, and the tree the front end should produce for it.
/// Every row is compiled for every link type; where libpcap refuses, we must give its message.
enum DifferentialTable {
    struct Row: Sendable {
        let expression: String
        let filter: SemanticFilter
    }

    static func R(_ expression: String, _ filter: SemanticFilter) -> Row { Row(expression: expression, filter: filter) }

    static let mac: [UInt8] = [1, 2, 3, 4, 5, 6]
    static let loopback6: [UInt16] = [0, 0, 0, 0, 0, 0, 0, 1]
    static let doc6: [UInt16] = [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]

    static let part0: [Row] = [
        R("host 1.2.3.4", F.host("1.2.3.4")),
        R("src host 10.0.0.1", F.host("10.0.0.1", .any, .source)),
        R("dst host 1.2.3.4", F.host("1.2.3.4", .any, .destination)),
        R("src and dst host 10.0.0.1", F.host("10.0.0.1", .any, .sourceAndDestination)),
        R("ip host 1.2.3.4", F.host("1.2.3.4", .ip)),
        R("arp host 10.0.0.1", F.host("10.0.0.1", .arp)),
        R("rarp dst host 5.6.7.8", F.host("5.6.7.8", .rarp, .destination)),
        R("host 10.1", F.net("10.1.0.0", 16)),
        R("net 10.0.0.0/8", F.net("10.0.0.0", 8)),
        R("src net 10.1.2.0/24", F.net("10.1.2.0", 24, .any, .source)),
        R("ip dst net 192.168.0.0/16", F.net("192.168.0.0", 16, .ip, .destination)),
        R("net 0.0.0.0/0", F.net("0.0.0.0", 0)),
    ]

    static let part1: [Row] = [
        R("host ::1", F.host6(loopback6)),
        R("ip6 src host 2001:db8::1", F.host6(doc6, 128, .source)),
        R("dst net 2001:db8::/64", F.host6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 64, .destination)),
        R("net 2001:db8::/32", F.host6([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32)),
        R("ether host 1:2:3:4:5:6", F.ether(mac)),
        R("ether src 1:2:3:4:5:6", F.ether(mac, .source)),
        R("ether dst ff:ff:ff:ff:ff:ff", F.ether([255, 255, 255, 255, 255, 255], .destination)),
        R("ether src and dst 1:2:3:4:5:6", F.ether(mac, .sourceAndDestination)),
        R("port 80", F.port(80)),
        R("tcp port 80", F.port(80, .tcp)),
        R("udp dst port 53", F.port(53, .udp, .destination)),
        R("sctp src port 9", F.port(9, .sctp, .source)),
    ]

    static let part2: [Row] = [
        R("tcp src and dst port 80", F.port(80, .tcp, .sourceAndDestination)),
        R("portrange 10-20", F.range(10, 20)),
        R("tcp dst portrange 20-10", F.range(20, 10, .tcp, .destination)),
        R("udp portrange 53-53", F.range(53, 53, .udp)),
        R("ip", F.k(.ip)), R("ip6", F.k(.ip6)), R("arp", F.k(.arp)), R("rarp", F.k(.rarp)),
        R("tcp", F.k(.tcp)), R("udp", F.k(.udp)), R("sctp", F.k(.sctp)), R("icmp", F.k(.icmp)),
        R("icmp6", F.k(.icmp6)), R("igmp", F.k(.igmp)), R("igrp", F.k(.igrp)), R("pim", F.k(.pim)),
        R("vrrp", F.k(.vrrp)), R("carp", F.k(.carp)), R("ah", F.k(.ah)), R("esp", F.k(.esp)),
        R("atalk", F.k(.atalk)), R("aarp", F.k(.aarp)), R("decnet", F.k(.decnet)), R("lat", F.k(.lat)),
        R("sca", F.k(.sca)), R("moprc", F.k(.moprc)), R("mopdl", F.k(.mopdl)), R("ipx", F.k(.ipx)),
        R("netbeui", F.k(.netbeui)), R("iso", F.k(.iso)), R("stp", F.k(.stp)),
        R("ip proto 6", F.p(.networkProtocol(.ip, 6))),
    ]

    static let part3: [Row] = [
        R("ip6 proto 17", F.p(.networkProtocol(.ip6, 17))),
        R("proto 58", F.p(.networkProtocol(.any, 58))),
        R("ether proto 0x800", F.p(.etherProtocol(0x800))),
        R("ether proto 0x86dd", F.p(.etherProtocol(0x86dd))),
        R("ether proto 100", F.p(.etherProtocol(100))),
        R("ether proto 6", F.p(.etherProtocol(6))),
        R("ether proto 1500", F.p(.etherProtocol(1500))),
        R("ether proto 1501", F.p(.etherProtocol(1501))),
        R("ether broadcast", F.p(.broadcast(.link))),
        R("ether multicast", F.p(.multicast(.link))),
        R("ip broadcast", F.p(.broadcast(.ip))),
        R("ip multicast", F.p(.multicast(.ip))),
    ]

    static let part4: [Row] = [
        R("ip6 multicast", F.p(.multicast(.ip6))),
        R("less 60", F.rel(.length, .lessOrEqual, 60)),
        R("greater 100", F.rel(.length, .greaterOrEqual, 100)),
        R("len = 60", F.rel(.length, .equal, 60)),
        R("len != 60", F.rel(.length, .notEqual, 60)),
        R("len < 61", F.rel(.length, .less, 61)),
        R("len > 61", F.rel(.length, .greater, 61)),
        R("tcp[13] = 2", F.rel(F.load(.transport(.tcp), 13), .equal, 2)),
        R("tcp[13] & 2 != 0", F.rel(F.load(.transport(.tcp), 13) & 2, .notEqual, 0)),
        R("udp[2:2] = 53", F.rel(F.load(.transport(.udp), 2, .half), .equal, 53)),
        R("icmp[0] = 8", F.rel(F.load(.transport(.icmp), 0), .equal, 8)),
        R("ip[0] & 0xf > 5", F.rel(F.load(.network(.ip), 0) & 0xf, .greater, 5)),
    ]

    static let part5: [Row] = [
        R("ip[2:2] + 3 > len", F.rel(F.load(.network(.ip), 2, .half) + 3, .greater, .length)),
        R("ip[ip[0] & 0xf] = 0", F.rel(.load(.network(.ip), index: F.load(.network(.ip), 0) & 0xf, size: .byte), .equal, 0)),
        R("ip6[6] = 6", F.rel(F.load(.network(.ip6), 6), .equal, 6)),
        R("arp[7] = 2", F.rel(F.load(.network(.arp), 7), .equal, 2)),
        R("ether[0] & 1 = 1", F.rel(F.load(.link, 0) & 1, .equal, 1)),
        R("ether[12:2] = 0x800", F.rel(F.load(.link, 12, .half), .equal, 0x800)),
        R("link[0:4] >= 0x01020304", F.rel(F.load(.link, 0, .word), .greaterOrEqual, 0x0102_0304)),
        R("icmp6[0] = 128", F.rel(F.load(.icmp6, 0), .equal, 128)),
        R("tcp[tcp[12] / 16] > 0", F.rel(.load(.transport(.tcp), index: F.load(.transport(.tcp), 12) / 16, size: .byte), .greater, 0)),
        R("ip[0] * 2 - 100 <= len / 2", F.rel(F.load(.network(.ip), 0) * 2 - 100, .lessOrEqual, .length / 2)),
        R("len / (ip[8] - 64) = 1", F.rel(.length / (F.load(.network(.ip), 8) - 64), .equal, 1)),
        R("-len < 0x80000000", F.rel(.negate(.length), .less, 0x8000_0000)),
    ]

    static let part6: [Row] = [
        R("len % 7 = 1", F.rel(.binary(.modulo, .length, 7), .equal, 1)),
        R("len ^ 0xff > 100", F.rel(.binary(.xor, .length, 0xff), .greater, 100)),
        R("len << 2 > 400 or len >> 1 < 20", F.rel(.binary(.shiftLeft, .length, 2), .greater, 400) || F.rel(.binary(.shiftRight, .length, 1), .less, 20)),
        R("len | 1 = 61", F.rel(.binary(.or, .length, 1), .equal, 61)),
        R("vlan", F.vlan()),
        R("vlan 10", F.vlan(10)),
        R("vlan and ip", F.vlan() && F.k(.ip)),
        R("vlan 10 and tcp port 80", F.vlan(10) && F.port(80, .tcp)),
        R("vlan or ip", F.vlan() || F.k(.ip)),
        R("not vlan and ip", !F.vlan() && F.k(.ip)),
        R("vlan and vlan 3 and host 1.2.3.4", F.vlan() && F.vlan(3) && F.host("1.2.3.4")),
        R("vlan and ip[9] = 6", F.vlan() && F.rel(F.load(.network(.ip), 9), .equal, 6)),
    ]

    static let part7: [Row] = [
        R("vlan and ether[14:2] & 0xfff = 10", F.vlan() && F.rel(F.load(.link, 14, .half) & 0xfff, .equal, 10)),
        R("pppoed", F.p(.pppoeDiscovery)),
        R("pppoes", F.p(.pppoeSession(nil))),
        R("pppoes 3 and ip", F.p(.pppoeSession(3)) && F.k(.ip)),
        R("pppoes and tcp port 80", F.p(.pppoeSession(nil)) && F.port(80, .tcp)),
        R("pppoes and ip6 and ether[0:2] = 0x57", F.p(.pppoeSession(nil)) && F.k(.ip6) && F.rel(F.load(.link, 0, .half), .equal, 0x57)),
        R("inbound", F.p(.direction(.inbound))),
        R("outbound", F.p(.direction(.outbound))),
        R("ifindex 2", F.p(.interfaceIndex(2))),
        R("tcp and not port 22 and (host 1.2.3.4 or host 10.0.0.1)",
         F.k(.tcp) && !F.port(22) && (F.host("1.2.3.4") || F.host("10.0.0.1"))),
        R("ip or tcp and udp", (F.k(.ip) || F.k(.tcp)) && F.k(.udp)),
    ]

    static let part8: [Row] = [
        R("not ip and not ip6", !F.k(.ip) && !F.k(.ip6)),
        R("tcp[13] = 2 and ip6", F.rel(F.load(.transport(.tcp), 13), .equal, 2) && F.k(.ip6)),
        R("udp port 53 or icmp or arp", F.port(53, .udp) || F.k(.icmp) || F.k(.arp)),
        R("ip host 1.2.3.4 and ip6 host ::1", F.host("1.2.3.4", .ip) && F.host6(loopback6)),
        R("ether src 1:2:3:4:5:6 and not ether broadcast", F.ether(mac, .source) && !F.p(.broadcast(.link))),
        R("tcp[0:2] > 1023 and tcp[2:2] < 1024", F.rel(F.load(.transport(.tcp), 0, .half), .greater, 1023) && F.rel(F.load(.transport(.tcp), 2, .half), .less, 1024)),
    ]

    static let mpls: [Row] = [
        R("mpls", F.p(.mpls(nil))),
        R("mpls 5", F.p(.mpls(5))),
        R("mpls 1048575", F.p(.mpls(1_048_575))),
        R("mpls 1048576", F.p(.mpls(1_048_576))),
        R("mpls and mpls 3 and ip", F.p(.mpls(nil)) && F.p(.mpls(3)) && F.k(.ip)),
        R("mpls and ip6", F.p(.mpls(nil)) && F.k(.ip6)),
        R("mpls and arp", F.p(.mpls(nil)) && F.k(.arp)),
        R("mpls and vlan", F.p(.mpls(nil)) && F.vlan()),
        R("mpls and host 1.2.3.4", F.p(.mpls(nil)) && F.host("1.2.3.4")),
        R("mpls 100 and tcp port 80", F.p(.mpls(100)) && F.port(80, .tcp)),
        R("vlan and mpls 7 and udp", F.vlan() && F.p(.mpls(7)) && F.k(.udp)),
        R("pppoes and mpls and ip", F.p(.pppoeSession(nil)) && F.p(.mpls(nil)) && F.k(.ip)),
        R("mpls and ip[0] = 0x45", F.p(.mpls(nil)) && F.rel(F.load(.network(.ip), 0), .equal, 0x45)),
        R("mpls or ip", F.p(.mpls(nil)) || F.k(.ip)),
        R("mpls 0 and mpls and mpls and ether proto 0x86dd", F.p(.mpls(0)) && F.p(.mpls(nil)) && F.p(.mpls(nil)) && F.p(.etherProtocol(0x86dd))),
        R("mpls and llc", F.p(.mpls(nil)) && F.p(.llc(.any))),
    ]

    static let geneve: [Row] = [
        R("geneve", F.p(.geneve(nil))),
        R("geneve 5", F.p(.geneve(5))),
        R("geneve 16777215", F.p(.geneve(16_777_215))),
        R("geneve 16777216", F.p(.geneve(16_777_216))),
        R("geneve and ip", F.p(.geneve(nil)) && F.k(.ip)),
        R("geneve 7 and tcp port 80", F.p(.geneve(7)) && F.port(80, .tcp)),
        R("geneve and ether host 1:2:3:4:5:6", F.p(.geneve(nil)) && F.ether(mac)),
        R("geneve and vlan and ip6", F.p(.geneve(nil)) && F.vlan() && F.k(.ip6)),
        R("geneve and iso", F.p(.geneve(nil)) && F.k(.iso)),
        R("geneve and llc u", F.p(.geneve(nil)) && F.p(.llc(.unnumbered))),
        R("geneve and udp portrange 50-60", F.p(.geneve(nil)) && F.range(50, 60, .udp)),
        R("geneve and ether proto 100", F.p(.geneve(nil)) && F.p(.etherProtocol(100))),
        R("geneve and tcp[13] = 2", F.p(.geneve(nil)) && F.rel(F.load(.transport(.tcp), 13), .equal, 2)),
        R("geneve and ip[9] = 17", F.p(.geneve(nil)) && F.rel(F.load(.network(.ip), 9), .equal, 17)),
        R("geneve and geneve 5", F.p(.geneve(nil)) && F.p(.geneve(5))),
        R("vlan and geneve and ip", F.vlan() && F.p(.geneve(nil)) && F.k(.ip)),
        R("geneve and mpls 3 and ip", F.p(.geneve(nil)) && F.p(.mpls(3)) && F.k(.ip)),
        R("mpls and geneve 5", F.p(.mpls(nil)) && F.p(.geneve(5))),
        R("mpls and geneve and host 1.2.3.4", F.p(.mpls(nil)) && F.p(.geneve(nil)) && F.host("1.2.3.4")),
        R("pppoes and geneve", F.p(.pppoeSession(nil)) && F.p(.geneve(nil))),
        R("not geneve and ip", !F.p(.geneve(nil)) && F.k(.ip)),
        R("geneve and ip host 10.0.0.1 or ip6", (F.p(.geneve(nil)) && F.host("10.0.0.1", .ip)) || F.k(.ip6)),
    ]

    static let llc: [Row] = [
        R("llc", F.p(.llc(.any))), R("llc i", F.p(.llc(.information))),
        R("llc s", F.p(.llc(.supervisory))), R("llc u", F.p(.llc(.unnumbered))),
        R("llc rr", F.p(.llc(.supervisoryFunction(0x01)))), R("llc rnr", F.p(.llc(.supervisoryFunction(0x05)))),
        R("llc rej", F.p(.llc(.supervisoryFunction(0x09)))), R("llc ui", F.p(.llc(.unnumberedFunction(0x03)))),
        R("llc ua", F.p(.llc(.unnumberedFunction(0x63)))), R("llc disc", F.p(.llc(.unnumberedFunction(0x43)))),
        R("llc dm", F.p(.llc(.unnumberedFunction(0x0f)))), R("llc sabme", F.p(.llc(.unnumberedFunction(0x6f)))),
        R("llc test", F.p(.llc(.unnumberedFunction(0xe3)))), R("llc xid", F.p(.llc(.unnumberedFunction(0xaf)))),
        R("llc frmr", F.p(.llc(.unnumberedFunction(0x87)))),
        R("vlan and llc i", F.vlan() && F.p(.llc(.information))),
        R("pppoes and llc", F.p(.pppoeSession(nil)) && F.p(.llc(.any))),
        R("llc and stp", F.p(.llc(.any)) && F.k(.stp)),
        R("not llc", !F.p(.llc(.any))),
    ]

    static let protochain: [Row] = [
        R("ip protochain 6", F.p(.protochain(.ip, 6))),
        R("ip6 protochain 6", F.p(.protochain(.ip6, 6))),
        R("protochain 17", F.p(.protochain(.any, 17))),
        R("ip6 protochain 44", F.p(.protochain(.ip6, 44))),
        R("ip6 protochain 51", F.p(.protochain(.ip6, 51))),
        R("protochain 59", F.p(.protochain(.any, 59))),
        R("ip protochain 1", F.p(.protochain(.ip, 1))),
        R("ip6 protochain 0", F.p(.protochain(.ip6, 0))),
        R("mpls and ip6 protochain 58", F.p(.mpls(nil)) && F.p(.protochain(.ip6, 58))),
        R("vlan and protochain 6", F.vlan() && F.p(.protochain(.any, 6))),
        R("geneve and protochain 6", F.p(.geneve(nil)) && F.p(.protochain(.any, 6))),
        R("ip6 protochain 17 and udp port 53", F.p(.protochain(.ip6, 17)) && F.port(53, .udp)),
    ]

    /// Rows the generated Ethernet packets need not both hit and miss: MPLS's ethertype is
    /// never an 802.3 length; an inner host behind MPLS and Geneve is too rare to draw.
    static let constantOnEthernet: Set<String> = ["mpls and llc", "mpls and geneve and host 1.2.3.4"]

    static let rows: [Row] = part0 + part1 + part2 + part3 + part4 + part5 + part6 + part7 + part8
        + mpls + geneve + llc + protochain
}
