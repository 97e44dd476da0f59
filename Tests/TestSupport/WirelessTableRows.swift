/// The 802.11 rows of the text table: frame types and subtypes by name and number, frame
/// directions, every address field under every qualifier spelling, and protocol primitives
/// over 802.11 LLC/SNAP — compiled on every link type (errors everywhere but 802.11).
enum WirelessTableRows {
    static let types = ["mgt", "management", "ctl", "control", "data", "0", "4", "8", "12", "0xc", "1", "16", "foo", "DATA"]
    static let subtypesByType: [(type: String, subtypes: [String])] = [
        ("mgt", ["assoc-req", "assocresp", "reassoc-req", "reassocresp", "probe-req", "proberesp", "beacon", "atim",
                 "disassoc", "auth", "deauthentication", "0x80", "0xd0", "cts", "foo"]),
        ("ctl", ["bar", "ba", "ps-poll", "rts", "cts", "ack", "cf-end", "cf-end-ack", "beacon", "0xc0"]),
        ("data", ["data", "data-cf-ack", "data-cf-poll", "data-cf-ack-poll", "null", "cf-ack", "cf-poll", "cf-ack-poll",
                  "qos-data", "qos-data-cf-ack", "qos-data-cf-poll", "qos-data-cf-ack-poll", "qos", "qos-cf-poll",
                  "qos-cf-ack-poll", "0x80", "0x08", "beacon"]),
        ("8", ["qos-data", "0x80"]),
        ("12", ["0x10", "data"]),
    ]
    static let lonelySubtypes = ["beacon", "qos-data", "ack", "cts", "data", "null", "probe-req", "0x80", "foo"]
    static let directions = ["nods", "tods", "fromds", "dstods", "0", "1", "2", "3", "4", "foo"]
    static let addressQualifiers = ["addr1", "addr2", "addr3", "addr4", "ra", "ta", "address1", "address4"]
    static let macs = ["1:2:3:4:5:6", "ff:ff:ff:ff:ff:ff", "0:11:22:33:44:55"]

    static var rows: [String] {
        var result: [String] = []
        for type in types { result += ["type \(type)", "wlan type \(type)"] }
        for (type, subtypes) in subtypesByType {
            for subtype in subtypes { result.append("type \(type) subtype \(subtype)") }
        }
        for subtype in lonelySubtypes { result += ["subtype \(subtype)", "wlan subtype \(subtype)"] }
        for direction in directions { result += ["dir \(direction)", "wlan dir \(direction)"] }
        for qualifier in addressQualifiers {
            for mac in macs { result += ["wlan \(qualifier) \(mac)", "\(qualifier) host \(mac)", "ether \(qualifier) \(mac)"] }
            result += ["wlan \(qualifier) 1.2.3.4", "\(qualifier) port 80", "wlan \(qualifier) host foo"]
        }
        for direction in ["", "src ", "dst ", "src or dst ", "src and dst "] {
            for mac in macs { result += ["wlan \(direction)host \(mac)", "ether \(direction)\(mac)", "link \(direction)host \(mac)"] }
        }
        let firsts = ["type data", "wlan type data subtype qos-data", "not type mgt", "dir tods", "dir dstods",
                      "wlan addr2 1:2:3:4:5:6", "wlan ra ff:ff:ff:ff:ff:ff", "ether src 0:11:22:33:44:55",
                      "llc", "llc u", "vlan", "vlan 10", "pppoes 3", "ether multicast", "ether broadcast"]
        let followers = ["ip", "ip6", "arp", "tcp port 80", "udp", "host 1.2.3.4", "ip6 host ::1", "icmp", "stp",
                         "atalk", "ipx", "netbeui", "iso", "ip[9] = 6", "ether[0] & 0xc = 8", "tcp[13] & tcp-syn != 0",
                         "radio[0] = 0", "radio[2:2] > 20", "wlan type ctl", "dir fromds"]
        for first in firsts {
            for next in followers { result += ["\(first) and \(next)", "\(first) or \(next)", "\(next) and not \(first)"] }
        }
        result += ["radio[0] = 0", "radio[4:4] & 0x2 != 0", "radio[radio[2]] = 0", "radio[2:2] = 8", "len - radio[2] > 40",
                   "ip and len + 1 > 2", "len + 1 > 2 and ip", "ip[0] + 1 > len and ip6",
                   "ether[0] & 0xfc = 0x80", "link[1] & 3 = 3", "ether[24:4] = 0", "ether host foo", "ether dst foo",
                   "wlan host 1:2:3:4:5:6 and wlan addr4 0:11:22:33:44:55", "type data and (tcp or udp) and not dir nods",
                   "ip protochain 6", "geneve and type data", "mpls and type mgt", "ip and ip6", "type mgt and type ctl",
                   "wlan type mgt and not wlan type mgt", "type mgt subtype beacon or type ctl subtype ack or dir 3"]
        return result
    }
}
