/// A link-layer header type as the LINKTYPE_ registry numbers it (the value in pcap and
/// pcapng headers), e.g. 1 for Ethernet, 101 for raw IP.
///
/// Programs and tcpdump's `-y` speak of DLT_ values instead; they equal the LINKTYPE_ value
/// except for a few historical numbers that differ between operating systems, which
/// `init(dlt:)` and `dlt` translate as libpcap does on Linux.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The LINKTYPE_ value.
    public var rawValue: UInt32

    /// Creates a link type from its LINKTYPE_ value.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// LINKTYPE_NULL: BSD loopback, a 4-byte host-order address family.
    public static let null = LinkType(rawValue: 0)
    /// LINKTYPE_ETHERNET: IEEE 802.3 Ethernet.
    public static let ethernet = LinkType(rawValue: 1)
    /// LINKTYPE_PPP: PPP with an HDLC-like framing header.
    public static let ppp = LinkType(rawValue: 9)
    /// LINKTYPE_RAW: raw IPv4 or IPv6, no link-layer header (DLT_RAW is 12 on Linux).
    public static let raw = LinkType(rawValue: 101)
    /// LINKTYPE_IEEE802_11: IEEE 802.11 wireless frames.
    public static let ieee802_11 = LinkType(rawValue: 105)
    /// LINKTYPE_LOOP: OpenBSD loopback, a 4-byte network-order address family.
    public static let loop = LinkType(rawValue: 108)
    /// LINKTYPE_LINUX_SLL: Linux "cooked" capture, version 1.
    public static let linuxSLL = LinkType(rawValue: 113)
    /// LINKTYPE_IEEE802_11_RADIOTAP: 802.11 frames preceded by a radiotap header.
    public static let ieee802_11Radiotap = LinkType(rawValue: 127)
    /// LINKTYPE_IPV4: raw IPv4.
    public static let ipv4 = LinkType(rawValue: 228)
    /// LINKTYPE_IPV6: raw IPv6.
    public static let ipv6 = LinkType(rawValue: 229)
    /// LINKTYPE_NFLOG: Linux netfilter log messages.
    public static let nflog = LinkType(rawValue: 239)
    /// LINKTYPE_LINUX_SLL2: Linux "cooked" capture, version 2 (what `-i any` captures).
    public static let linuxSLL2 = LinkType(rawValue: 276)

    /// LINKTYPE_ values at or above this and at or below `matchingMaximum` equal their DLT_.
    static let matchingMinimum: UInt32 = 104
    /// The highest LINKTYPE_ value libpcap 1.10.3 knows; DLT_s above it cannot be saved.
    static let matchingMaximum: UInt32 = 289

    /// The LINKTYPE_/DLT_ pairs that differ on Linux, plus the low DLT_s that exist there:
    /// numbers below 104 were assigned differently by different BSDs, so the registry gave
    /// the conflicting ones new LINKTYPE_ numbers.
    static let lowPairs: [(dlt: UInt32, linkType: UInt32)] = [
        (0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10),
        (11, 100), // ATM_RFC1483
        (12, 101), // RAW
        (15, 102), // SLIP_BSDOS
        (16, 103), // PPP_BSDOS
        (19, 106), // ATM_CLIP
        (50, 50), (51, 51), (99, 99),
    ]

    /// The link type a DLT_ value (Linux numbering) is saved as, or nil when libpcap cannot
    /// save that DLT_ in a file ("link-layer type N isn't supported in savefiles").
    public init?(dlt: UInt32) {
        if dlt >= Self.matchingMinimum && dlt <= Self.matchingMaximum {
            self.init(rawValue: dlt)
            return
        }
        guard let pair = Self.lowPairs.first(where: { $0.dlt == dlt }) else { return nil }
        self.init(rawValue: pair.linkType)
    }

    /// The DLT_ value (Linux numbering) programs use for this link type; LINKTYPE_ values
    /// with no DLT_ of their own pass through unchanged, as in libpcap.
    public var dlt: UInt32 {
        Self.lowPairs.first(where: { $0.linkType == rawValue && $0.dlt != $0.linkType })?.dlt ?? rawValue
    }

    /// The DLT name without its `DLT_` prefix, as `tcpdump -y` takes it (e.g. `EN10MB`), or
    /// nil for a link type libpcap has no name for.
    public var dltName: String? {
        LinkTypeNames.entry(dlt: dlt)?.name
    }

    /// libpcap's description of the link type (e.g. `Ethernet`), or nil if it has none.
    public var dltDescription: String? {
        LinkTypeNames.entry(dlt: dlt)?.description
    }

    /// The link type named by a DLT name, compared case-insensitively and without the
    /// `DLT_` prefix as `pcap_datalink_name_to_val` does (`en10mb`, `RAW`), or nil.
    public init?(dltName: String) {
        guard let entry = LinkTypeNames.entry(name: dltName), let linkType = LinkType(dlt: entry.dlt)
        else { return nil }
        self = linkType
    }

    /// The banner text tcpdump prints, `EN10MB (Ethernet)`, or the number when unnamed.
    public var description: String {
        guard let name = dltName else { return "\(dlt)" }
        guard let text = dltDescription else { return name }
        return "\(name) (\(text))"
    }
}
