/// The text-driven table: expressions generated from the grammar's parts (qualifier heads ×
/// values, primitives × link types), each compiled by libpcap and by us on every link type.
/// A row's verdicts come from libpcap itself, never from pasted output. Shared by the tests
/// and the optimizer report (CompilerBenchmark `report`), so both read the same rows.
public enum TextTable {
    /// Protocol qualifiers of the heads, the empty one included.
    public static let protocols = ["", "ip ", "ip6 ", "arp ", "rarp ", "tcp ", "udp ", "sctp ", "ether ", "icmp ",
                            "atalk ", "aarp ", "iso ", "pim ", "lat ", "radio "]
    /// Direction qualifiers of the heads, the empty one included.
    public static let directions = ["", "src ", "dst ", "src or dst ", "src and dst ", "dst and src ", "ra ", "addr2 "]
    /// Kinds of id and the values tried with each.
    public static let values: [(kind: String, values: [String])] = [
        ("host ", ["1.2.3.4", "10.1", "::1", "1:2:3:4:5:6", "10"]),
        ("net ", ["10.0.0.0/8", "192.168.1.0 mask 255.255.255.0", "2001:db8::/32", "10", "10.1.2", "1.2.3.4/24"]),
        ("port ", ["80", "0", "65535", "70000"]),
        ("portrange ", ["10-20", "20-10", "1-65535", "80-90x", "80--5"]),
        ("proto ", ["6", "17", "300", "0x800", "58"]),
        ("", ["1.2.3.4", "::1", "1:2:3:4:5:6"]),
    ]

    /// Every head with every value of its kind: qualifier combinations, valid or not.
    public static var heads: [String] {
        var result: [String] = []
        for proto in protocols {
            for direction in directions {
                for (kind, list) in values {
                    if proto.isEmpty && direction.isEmpty && kind.isEmpty { continue }
                    for value in list { result.append(proto + direction + kind + value) }
                }
            }
        }
        return result
    }

    /// Protocol keywords used alone, with `broadcast` and `multicast`.
    public static let keywords = ["ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp", "igrp",
                           "pim", "vrrp", "carp", "ah", "esp", "atalk", "aarp", "decnet", "lat", "sca", "moprc",
                           "mopdl", "ipx", "netbeui", "iso", "stp", "ether", "link", "radio"]
    /// Protocols whose header can be indexed (`proto[offset]`).
    public static let loadProtocols = ["ether", "link", "ppp", "ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp",
                                "igmp", "igrp", "pim", "vrrp", "carp", "icmp6", "atalk", "decnet", "lat", "sca",
                                "moprc", "mopdl", "aarp", "ah", "radio"]

    /// Primitives that are not `head value`, and their combinations.
    public static var others: [String] {
        var result = keywords
        result += keywords.flatMap { ["\($0) broadcast", "\($0) multicast"] }
        result += ["broadcast", "multicast", "less 60", "greater 100", "less 0", "greater 4294967295",
                   "len = 60", "len != 60", "len < 61", "len > 61", "len >= 0", "len <= 1514",
                   "inbound", "outbound", "ifindex 2", "ifindex 0", "vlan", "vlan 10", "vlan 4095", "vlan 4096",
                   "pppoed", "pppoes", "pppoes 3", "pppoes 70000", "mpls 1048576", "geneve 16777216",
                   "gateway foo", "on eth0", "vpi 1", "fisu", "sio 1", "hsls 1", "lane", "oamf4ec", "type mgt",
                   "dir tods", "ip proto 300", "ether proto 70000", "not ip proto 300", "not proto 4096", "not ip6 proto 256",
                   "not ether proto 70000", "vlan and not ether proto 70000", "ether proto 1500", "ether proto 1501",
                   "ether proto \\ip", "ether proto \\arp", "ether proto \\ipx", "ether proto \\loopback",
                   "ether proto \\foo", "iso proto \\foo", "arp proto \\tcp", "tcp protochain 6",
                   "ip6 broadcast", "ip broadcast and ip multicast",
                   "decnet host 1.2", "decnet src 1.2", "decnet dst 1.2", "decnet src and dst 1.2", "decnet host 10",
                   "decnet net 1.2.3", "decnet host 64.2", "not decnet src 1.2 and decnet", "clnp", "esis", "isis",
                   "l1", "l2", "iih", "lsp", "snp", "csnp", "psnp", "isis proto 16", "isis proto 300", "iso proto \\clnp",
                   "clnp or isis", "byte 14 = 0x45", "byte 23 < 7", "byte 23 > 7", "byte 47 & 2", "byte 47 | 2",
                   "tcp and byte 47 & 0x12", "not byte 0 & 1", "byte 12 = 8 or byte 12 | 0",
                   "byte 4294967295 = 1", "byte 4294963200 > 1 or tcp", "tcp or byte 2147483648 & 1"]
        for proto in loadProtocols {
            result += ["\(proto)[0] = 0x45", "\(proto)[2:2] > 100", "\(proto)[1:4] & 0xff != 0",
                       "\(proto)[\(proto)[0] & 0xf] = 0"]
        }
        result += ["tcp[13] & tcp-syn != 0", "tcp[tcpflags] = tcp-ack", "icmp[icmptype] = icmp-echo",
                   "icmp6[icmp6type] = icmp6-echo", "ip[0] % 3 = 1", "len ^ 5 = 3", "len << 33 = 0",
                   "len / 0 = 1", "len % 0 = 1", "len >> 31 = 0", "-len = 0", "ip[0:3] = 1",
                   "ip[6:2] & 0x1fff = 0", "ip[9] + ip[9] * 2 - 1 = 17", "len & 0xff | 1 = 61"]
        let encapsulations = ["vlan", "vlan 10", "vlan and vlan", "pppoes", "pppoes 3", "not vlan", "vlan or vlan 5"]
        let followers = ["ip", "ip6", "tcp port 80", "host 1.2.3.4", "ip6 host ::1", "ether[12:2] = 0x800",
                         "udp[0:2] = 53", "arp", "ip[9] = 6", "ether host 1:2:3:4:5:6"]
        for first in encapsulations {
            for next in followers {
                result += ["\(first) and \(next)", "\(first) or \(next)", "\(next) and \(first) and \(next)"]
            }
        }
        result += encapsulationPrimitives
        for first in ["mpls", "mpls 100", "geneve", "geneve 5", "llc", "llc u", "protochain 6", "ip6 protochain 17"] {
            for next in followers {
                result += ["\(first) and \(next)", "\(first) or \(next)", "\(next) and \(first) and \(next)"]
            }
        }
        result += ["tcp and not port 22 and (host 1.2.3.4 or host 10.0.0.1)", "ip or tcp and udp",
                   "not ip and not ip6", "host 1.2.3.4 and (5.6.7.8 or 10.0.0.1)", "tcp dst port 80 or 443",
                   "not host 1.2.3.4 and 5.6.7.8", "host 1.2.3.4 and tcp and 80", "udp port 80 and 1.2.3.4",
                   "arp port 80", "(tcp or udp) and (src net 10.0.0.0/8 or dst net 192.168.0.0/16)",
                   "ip6 and (icmp6 or tcp port 443)", "ether src 1:2:3:4:5:6 and not ether broadcast",
                   "", "  ", "tcp[13] = 2 and ip6", "vlan 1 or ra host 1.2.3.4", "icmp or icmp6 or igmp or pim",
                   "ip host 1.2.3.4 and ip6 host ::1", "portrange 1-1024 and not port 80"]
        return result
    }

    /// `mpls`, `geneve`, `llc` and `protochain` alone, with every form the grammar has, and
    /// combined with each other and with the other encapsulations.
    public static let encapsulationPrimitives: [String] = [
        "mpls", "mpls 0", "mpls 100", "mpls 1048575", "geneve", "geneve 0", "geneve 5", "geneve 16777215",
        "llc", "llc i", "llc s", "llc u", "llc rr", "llc rnr", "llc rej", "llc ui", "llc ua", "llc disc", "llc dm",
        "llc sabme", "llc test", "llc xid", "llc frmr", "llc foo", "llc RR",
        "protochain 6", "ip protochain 6", "ip6 protochain 6", "protochain 17", "ip protochain 1", "ip protochain 51",
        "ip6 protochain 0", "ip6 protochain 44", "ip6 protochain 58", "protochain 59", "protochain 300",
        "ip protochain 256", "not protochain 300", "protochain \\foo", "tcp protochain \\foo", "ether protochain \\ip",
        "udp protochain 6", "protochain tcp",
        "mpls and ip", "mpls 100 and tcp port 80", "mpls and mpls 3 and ip6", "mpls and vlan", "vlan and mpls",
        "vlan 10 and mpls 7 and udp", "not mpls", "mpls or ip", "mpls and arp", "pppoes and mpls and ip",
        "mpls and pppoes", "mpls and geneve", "mpls and llc",
        "geneve and ip", "geneve 5 and udp", "geneve and ip6 host ::1", "geneve and vlan and ip", "geneve or udp",
        "not geneve", "geneve and geneve 7", "geneve and llc u", "geneve and mpls", "vlan and geneve 3 and tcp",
        "geneve and ether host 1:2:3:4:5:6", "geneve and udp portrange 50-60", "geneve and iso",
        "llc and not llc i", "vlan and llc", "llc or arp", "not llc u", "llc s or llc u", "pppoes and llc",
        "llc and stp", "llc ui and ether broadcast", "vlan 10 and llc xid",
        "protochain 17 and udp", "ip6 protochain 6 and tcp port 80", "mpls and ip6 protochain 58",
        "vlan and protochain 6", "geneve and protochain 6", "not protochain 6", "protochain 6 or protochain 17",
        "ip protochain 6 and ip6 protochain 6", "pppoes and ip protochain 1", "ip6 protochain 51 or llc",
    ]

    /// Every expression of the table (before link types).
    public static let expressions: [String] = heads + others + WirelessTableRows.rows

    /// Link types and the snap length a row uses on each (varied so `ret #k` is checked).
    public static let snapLengths: [UInt32] = [262_144, 65535, 96, 1536]
}
