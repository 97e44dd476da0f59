/// The scanner's fixed words: keywords and the named constants that scan as numbers.
enum Vocabulary {
    /// A word the scanner turns into something other than a name.
    enum Entry {
        case keyword(Keyword)
        case number(UInt32)
    }

    /// Looks up a word matched by the name pattern; `nil` means it is a plain name.
    static func lookUp(_ word: String) -> Entry? {
        if let keyword = keywords[word] { return .keyword(keyword) }
        if let value = constants[word] { return .number(value) }
        return nil
    }

    private static let keywords: [String: Keyword] = {
        var table: [String: Keyword] = [
            "dst": .dst, "src": .src, "host": .host, "net": .net, "mask": .mask, "port": .port,
            "portrange": .portrange, "proto": .proto, "protochain": .protochain,
            "gateway": .gateway, "type": .type, "subtype": .subtype, "direction": .dir,
            "dir": .dir, "address1": .address1, "addr1": .address1, "address2": .address2,
            "addr2": .address2, "address3": .address3, "addr3": .address3,
            "address4": .address4, "addr4": .address4, "ra": .ra, "ta": .ta,
            "less": .less, "greater": .greater, "byte": .byte, "broadcast": .broadcast,
            "multicast": .multicast, "and": .and, "or": .or, "not": .not, "len": .len,
            "length": .len, "inbound": .inbound, "outbound": .outbound, "ifindex": .ifindex,
            "vlan": .vlan, "mpls": .mpls, "pppoed": .pppoed, "pppoes": .pppoes,
            "geneve": .geneve, "llc": .llc, "vpi": .vpi, "vci": .vci,
            "on": .pfInterfaceName, "ifname": .pfInterfaceName, "rset": .pfRuleset,
            "ruleset": .pfRuleset, "rnr": .pfRuleNumber, "rulenum": .pfRuleNumber,
            "srnr": .pfSubruleNumber, "subrulenum": .pfSubruleNumber, "reason": .pfReason,
            "action": .pfAction, "lsu": .mtp2(.lssu), "es-is": .protocolName(.esis),
            "is-is": .protocolName(.isis),
        ]
        for link in ["link", "ether", "ppp", "slip", "fddi", "tr", "wlan"] {
            table[link] = .protocolName(.link)
        }
        for proto in ProtocolQualifier.allCases where proto != .link {
            table[proto.rawValue] = .protocolName(proto)
        }
        for atm in ATMKeyword.allCases { table[atm.rawValue] = .atm(atm) }
        for mtp in MTP2Type.allCases { table[mtp.rawValue] = .mtp2(mtp) }
        for field in MTP3Field.allCases { table[field.rawValue] = .mtp3(field) }
        return table
    }()

    private static let constants: [String: UInt32] = [
        "icmptype": 0, "icmpcode": 1, "icmp6type": 0, "icmp6code": 1, "tcpflags": 13,
        "tcp-fin": 0x01, "tcp-syn": 0x02, "tcp-rst": 0x04, "tcp-push": 0x08, "tcp-ack": 0x10,
        "tcp-urg": 0x20, "tcp-ece": 0x40, "tcp-cwr": 0x80,
        "icmp-echoreply": 0, "icmp-unreach": 3, "icmp-sourcequench": 4, "icmp-redirect": 5,
        "icmp-echo": 8, "icmp-routeradvert": 9, "icmp-routersolicit": 10, "icmp-timxceed": 11,
        "icmp-paramprob": 12, "icmp-tstamp": 13, "icmp-tstampreply": 14, "icmp-ireq": 15,
        "icmp-ireqreply": 16, "icmp-maskreq": 17, "icmp-maskreply": 18,
        "icmp6-destinationunreach": 1, "icmp6-packettoobig": 2, "icmp6-timeexceeded": 3,
        "icmp6-parameterproblem": 4, "icmp6-echo": 128, "icmp6-echoreply": 129,
        "icmp6-multicastlistenerquery": 130, "icmp6-multicastlistenerreportv1": 131,
        "icmp6-multicastlistenerdone": 132, "icmp6-routersolicit": 133,
        "icmp6-routeradvert": 134, "icmp6-neighborsolicit": 135, "icmp6-neighboradvert": 136,
        "icmp6-redirect": 137, "icmp6-routerrenum": 138, "icmp6-nodeinformationquery": 139,
        "icmp6-nodeinformationresponse": 140, "icmp6-ineighbordiscoverysolicit": 141,
        "icmp6-ineighbordiscoveryadvert": 142, "icmp6-multicastlistenerreportv2": 143,
        "icmp6-homeagentdiscoveryrequest": 144, "icmp6-homeagentdiscoveryreply": 145,
        "icmp6-mobileprefixsolicit": 146, "icmp6-mobileprefixadvert": 147,
        "icmp6-certpathsolicit": 148, "icmp6-certpathadvert": 149,
        "icmp6-multicastrouteradvert": 151, "icmp6-multicastroutersolicit": 152,
        "icmp6-multicastrouterterm": 153,
    ]
}
