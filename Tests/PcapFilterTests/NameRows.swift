import PcapFilter

/// Rows with names: our compiler resolves them through a fixed table; libpcap compiles the
/// same filter with the names written out (its own resolver is the machine's, which tests
/// must not depend on), or the row gives libpcap's message for a lookup it would fail.
enum NameRows {
    enum Expected {
        /// libpcap's text for the same filter with every name replaced by what it resolves to.
        case equivalent(String)
        /// libpcap's message (on one link type only, when it depends on it).
        case error(String, onlyOn: LinkLayer? = nil)
    }

    struct Row {
        let expression: String
        let expected: Expected
    }

    static let loopback6: [UInt8] = Array(repeating: 0, count: 15) + [1]
    static let doc6: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + Array(repeating: 0, count: 11) + [1]

    static let resolver = FixedNameResolver(
        hosts: ["twohomed": [.ipv4(0x0102_0304), .ipv6(loopback6), .ipv4(0x0a00_0001)],
                "v4only": [.ipv4(0x0506_0708)], "v6only": [.ipv6(doc6)]],
        services: ["www": ServicePorts(tcp: 80, udp: 80), "tcponly": ServicePorts(tcp: 5000),
                   "udponly": ServicePorts(udp: 6000), "split": ServicePorts(tcp: 7000, udp: 7001)],
        protocols: ["tcp": 6, "udp": 17, "icmp": 1],
        ethers: ["gw": [0, 0x11, 0x22, 0x33, 0x44, 0x55]],
        networks: ["tennet": 10, "loopnet": 0x7f00_0000, "tenone": 0x0a01])

    static func R(_ expression: String, _ expected: Expected) -> Row { Row(expression: expression, expected: expected) }
    static func same(_ text: String) -> Expected { .equivalent(text) }

    static let rows: [Row] = [
        R("protochain \\tcp", same("protochain 6")),
        R("ip6 protochain \\udp", same("ip6 protochain 17")),
        R("ip protochain \\icmp and tcp", same("ip protochain 1 and tcp")),
        R("protochain \\nosuch", .error("unknown ip proto 'nosuch'")),
        R("tcp protochain \\tcp", .error("unknown protocol: tcp")),
        R("host twohomed", same("host 1.2.3.4 or host ::1 or host 10.0.0.1")),
        R("src host twohomed", same("src host 1.2.3.4 or src host ::1 or src host 10.0.0.1")),
        R("dst and src host twohomed", same("src and dst host 1.2.3.4 or src and dst host ::1 or src and dst host 10.0.0.1")),
        R("ip host twohomed", same("ip host 1.2.3.4 or ip host 10.0.0.1")),
        R("ip6 host twohomed", same("ip6 host ::1")),
        R("arp host twohomed", .error("'arp' modifier applied to ip6 host")),
        R("rarp host v4only", same("rarp host 5.6.7.8")),
        R("tcp host twohomed", .error("'tcp' modifier applied to host")),
        R("tcp host v6only", .error("'tcp' modifier applied to ip6 host")),
        R("ip6 host v4only", .error("unknown host 'v4only' for specified address family")),
        R("ip host v6only", .error("unknown host 'v6only' for specified address family")),
        R("host nosuch", .error("unknown host 'nosuch'")),
        R("ra host v4only", .error("'ra' is not a valid qualifier for addresses other than 802.11 MAC addresses")),
        R("host v6only and dst host v4only", same("host 2001:db8::1 and dst host 5.6.7.8")),
        R("host v4only or v6only", same("host 5.6.7.8 or host 2001:db8::1")),
        R("port www", same("port 80")),
        R("tcp port www", same("tcp port 80")),
        R("udp src port www", same("udp src port 80")),
        R("sctp port www", same("sctp port 80")),
        R("port tcponly", same("tcp port 5000")),
        R("udp port tcponly", .error("port 'tcponly' is tcp")),
        R("sctp port tcponly", .error("port 'tcponly' is tcp")),
        R("port udponly", same("udp port 6000")),
        R("tcp port udponly", .error("port 'udponly' is udp")),
        R("port split", same("tcp port 7000")),
        R("udp port split", .error("port 'split' is tcp")),
        R("port nosuch", .error("unknown port 'nosuch'")),
        R("ip port www", .error("illegal qualifier of 'port'")),
        R("portrange www-tcponly", same("portrange 80-5000")),
        R("portrange tcponly-tcponly", same("tcp portrange 5000-5000")),
        R("udp portrange tcponly-www", same("udp portrange 5000-80")),
        R("udp portrange tcponly-split", .error("port in range 'tcponly-split' is tcp")),
        R("portrange 80-www", same("portrange 80-80")),
        R("portrange 99999-www", same("portrange 34463-80")),
        R("portrange nosuch-80", .error("unknown port in range 'nosuch-80'")),
        R("portrange www", .error("unknown port in range 'www'")),
        R("ip proto \\tcp", same("ip proto 6")),
        R("proto \\udp", same("proto 17")),
        R("ip6 proto \\icmp", same("ip6 proto 1")),
        R("proto \\nosuch", .error("unknown ip proto 'nosuch'")),
        R("ether proto \\nosuch", .error("unknown ether proto 'nosuch'")),
        R("ether host gw", same("ether host 0:11:22:33:44:55")),
        R("ether src gw", same("ether src 0:11:22:33:44:55")),
        R("ether host nosuch", .error("unknown ether host 'nosuch'", onlyOn: .ethernet)),
        R("ether host gw", .error("only ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel supports link-level host name", onlyOn: .linuxCooked)),
        R("net tennet", same("net 10.0.0.0/8")),
        R("src net tenone", same("src net 10.1.0.0/16")),
        R("net loopnet", same("host 127.0.0.0")),
        R("ip6 net tennet", .error("'ip6' modifier applied to ip host")),
        R("net nosuch", .error("unknown network 'nosuch'")),
        R("gateway twohomed", .error("'gateway' not supported in this configuration")),
        R("host twohomed or port www and not ether host gw",
          same("(host 1.2.3.4 or host ::1 or host 10.0.0.1) or port 80 and not ether host 0:11:22:33:44:55")),
        R("vlan and host twohomed", same("vlan and (host 1.2.3.4 or host ::1 or host 10.0.0.1)")),
    ]
}
