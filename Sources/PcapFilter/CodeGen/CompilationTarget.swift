/// The data-link types code generation supports, by their `DLT_` value.
public enum LinkLayer: UInt32, Hashable, Sendable, CaseIterable {
    /// `DLT_NULL`: a 4-byte address family in the byte order of the machine that wrote it.
    case null = 0
    /// `DLT_EN10MB`: Ethernet II and 802.3 with LLC/SNAP.
    case ethernet = 1
    /// `DLT_PPP`: address, control, then a 2-byte PPP protocol.
    case ppp = 9
    /// `DLT_RAW` (Linux value 12): an IPv4 or IPv6 packet with no link header.
    case raw = 12
    /// `DLT_LOOP`: a 4-byte address family in network byte order.
    case loop = 108
    /// `DLT_IEEE802_11`: 802.11 frames, whose header length depends on the frame's type.
    case ieee80211 = 105
    /// `DLT_LINUX_SLL`: Linux cooked capture, version 1 (16-byte header).
    case linuxCooked = 113
    /// `DLT_IEEE802_11_RADIO`: 802.11 frames after a radiotap header of per-packet length.
    case ieee80211Radiotap = 127
    /// `DLT_IPV4`: an IPv4 packet with no link header.
    case ipv4 = 228
    /// `DLT_IPV6`: an IPv6 packet with no link header.
    case ipv6 = 229
    /// `DLT_LINUX_SLL2`: Linux cooked capture, version 2 (20-byte header).
    case linuxCooked2 = 276

    /// libpcap's description of the type, as its error messages quote it.
    public var displayName: String {
        switch self {
        case .null: "BSD loopback"
        case .ethernet: "Ethernet"
        case .ppp: "PPP"
        case .raw: "Raw IP"
        case .loop: "OpenBSD loopback"
        case .ieee80211: "802.11"
        case .linuxCooked: "Linux cooked v1"
        case .ieee80211Radiotap: "802.11 plus radiotap header"
        case .ipv4: "Raw IPv4"
        case .ipv6: "Raw IPv6"
        case .linuxCooked2: "Linux cooked v2"
        }
    }

    /// Whether frames carry 802.11 headers (with or without a radiotap header before them).
    public var isWireless: Bool { self == .ieee80211 || self == .ieee80211Radiotap }
}

/// The order of bytes in a multi-byte field written by some machine.
public enum ByteOrder: Hashable, Sendable {
    /// Most significant byte first.
    case bigEndian
    /// Least significant byte first.
    case littleEndian

    /// The order of the machine this code runs on.
    public static var host: ByteOrder { UInt32(1).littleEndian == 1 ? .littleEndian : .bigEndian }
}

/// Where the packets a filter will see come from; it changes which fields a filter can reach.
public enum PacketSource: Hashable, Sendable {
    /// A capture file, written by a machine with the given byte order (`DLT_NULL` families
    /// are in that order). Direction and interface are known only from cooked headers.
    case savefile(writerByteOrder: ByteOrder)
    /// A Linux packet socket: the kernel strips the outer VLAN tag and offers ancillary loads
    /// (VLAN tag, packet type, interface index).
    case liveLinux
    /// Neither, like libpcap's `pcap_open_dead` (what `tcpdump -d` uses): VLAN code as for a
    /// file, but direction and interface index through ancillary loads.
    case unattached
}

/// Everything outside the expression that decides the program it compiles to.
public struct CompilationTarget: Hashable, Sendable {
    /// The data-link type of the packets.
    public var linkLayer: LinkLayer
    /// The byte count an accepting program returns (`ret #snaplen`).
    public var snapLength: UInt32
    /// Where the packets come from.
    public var source: PacketSource
    /// The IPv4 netmask `ip broadcast` uses; ``CompilationTarget/unknownNetmask`` when unknown.
    public var netmask: UInt32

    /// libpcap's `PCAP_NETMASK_UNKNOWN`.
    public static let unknownNetmask: UInt32 = 0xffff_ffff

    /// Creates a target.
    public init(linkLayer: LinkLayer, snapLength: UInt32, source: PacketSource, netmask: UInt32 = 0) {
        self.linkLayer = linkLayer
        self.snapLength = snapLength
        self.source = source
        self.netmask = netmask
    }

    /// Whether direction and interface index come from the kernel's ancillary loads.
    var hasAncillaryData: Bool {
        if case .savefile = source { return false }
        return true
    }
}
