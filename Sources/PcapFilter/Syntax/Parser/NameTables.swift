/// The name tables of grammar.y, matched without regard to case (`pcap_strcasecmp`).
enum NameTables {
    /// 802.11 frame types (`IEEE80211_FC0_TYPE_*`).
    static let ieee80211Types: [(String, UInt32)] = [
        ("data", 0x08), ("mgt", 0x00), ("management", 0x00), ("ctl", 0x04), ("control", 0x04),
    ]

    /// Subtype names per type, in grammar.y's search order (management, control, data).
    /// libpcap 1.10.3 has no names for the control subtypes BlockAckReq (0x80) and BlockAck (0x90).
    static let ieee80211Subtypes: [(type: UInt32, names: [(String, UInt32)])] = [
        (0x00, [
            ("assocreq", 0x00), ("assoc-req", 0x00), ("assocresp", 0x10), ("assoc-resp", 0x10),
            ("reassocreq", 0x20), ("reassoc-req", 0x20), ("reassocresp", 0x30), ("reassoc-resp", 0x30),
            ("probereq", 0x40), ("probe-req", 0x40), ("proberesp", 0x50), ("probe-resp", 0x50),
            ("beacon", 0x80), ("atim", 0x90), ("disassoc", 0xa0), ("disassociation", 0xa0),
            ("auth", 0xb0), ("authentication", 0xb0), ("deauth", 0xc0), ("deauthentication", 0xc0),
        ]),
        (0x04, [
            ("ps-poll", 0xa0), ("rts", 0xb0), ("cts", 0xc0), ("ack", 0xd0),
            ("cf-end", 0xe0), ("cf-end-ack", 0xf0),
        ]),
        (0x08, [
            ("data", 0x00), ("data-cf-ack", 0x10), ("data-cf-poll", 0x20), ("data-cf-ack-poll", 0x30),
            ("null", 0x40), ("cf-ack", 0x50), ("cf-poll", 0x60), ("cf-ack-poll", 0x70),
            ("qos-data", 0x80), ("qos-data-cf-ack", 0x90), ("qos-data-cf-poll", 0xa0),
            ("qos-data-cf-ack-poll", 0xb0), ("qos", 0xc0), ("qos-cf-poll", 0xe0), ("qos-cf-ack-poll", 0xf0),
        ]),
    ]

    /// 802.11 frame directions (`IEEE80211_FC1_DIR_*`).
    static let ieee80211Directions: [(String, UInt32)] = [
        ("nods", 0), ("tods", 1), ("fromds", 2), ("dstods", 3),
    ]

    /// LLC supervisory subtypes (control field values).
    static let llcSupervisory: [(String, UInt32)] = [("rr", 0x01), ("rnr", 0x05), ("rej", 0x09)]

    /// LLC unnumbered subtypes (control field values).
    static let llcUnnumbered: [(String, UInt32)] = [
        ("ui", 0x03), ("ua", 0x63), ("disc", 0x43), ("dm", 0x0f), ("sabme", 0x6f), ("test", 0xe3),
        ("xid", 0xaf), ("frmr", 0x87),
    ]

    /// pf reasons as a Linux build of libpcap knows them.
    static let pfReasons: [(String, UInt32)] = [
        ("match", 0), ("bad-offset", 1), ("fragment", 2), ("short", 3), ("normalize", 4), ("memory", 5),
        ("bad-timestamp", 6), ("congestion", 7), ("ip-option", 8), ("proto-cksum", 9),
        ("state-mismatch", 10), ("state-insert", 11), ("state-limit", 12), ("src-limit", 13), ("synproxy", 14),
    ]

    /// pf actions as a Linux build of libpcap knows them.
    static let pfActions: [(String, UInt32)] = [
        ("pass", 0), ("accept", 0), ("drop", 1), ("block", 1), ("scrub", 2), ("noscrub", 3), ("nat", 4),
        ("nonat", 5), ("binat", 6), ("nobinat", 7), ("rdr", 8), ("nordr", 9), ("synproxy-drop", 10),
    ]

    /// Looks `name` up ignoring ASCII case.
    static func lookUp(_ name: String, in table: [(String, UInt32)]) -> UInt32? {
        let folded = asciiLowercased(name)
        return table.first { $0.0 == folded }?.1
    }

    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5a ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
