import PcapFile

/// What the kernel reports about one packet beside its bytes (`tpacket3_hdr` and the
/// `sockaddr_ll` after it), in host order.
public struct RingFrame: Hashable, Sendable {
    /// When the kernel stamped the packet.
    public var timestamp: Timestamp
    /// The packet's length as the socket sees it (`tp_len`): from the link-layer header on
    /// a raw socket, from the network header on a cooked one.
    public var wireLength: UInt32
    /// `sll_pkttype`: `PACKET_HOST` 0 … `PACKET_OUTGOING` 4.
    public var packetType: UInt8
    /// `sll_ifindex`: the interface the packet arrived on or left by.
    public var interfaceIndex: Int32
    /// `sll_hatype`: the interface's ARPHRD type.
    public var hardwareType: UInt16
    /// `sll_protocol` in host order (an EtherType).
    public var protocolType: UInt16
    /// `sll_halen`: how many bytes of `linkAddress` are meaningful.
    public var linkAddressLength: UInt8
    /// `sll_addr`, eight bytes in memory order (the kernel writes only `sll_halen` of them).
    public var linkAddress: UInt64
    /// The 802.1Q tag the kernel removed from the packet, if any.
    public var vlanTag: VLANTag?

    /// Creates frame metadata; unspecified fields are zero.
    public init(timestamp: Timestamp, wireLength: UInt32, packetType: UInt8 = 0, interfaceIndex: Int32 = 0,
                hardwareType: UInt16 = 1, protocolType: UInt16 = 0, linkAddressLength: UInt8 = 0,
                linkAddress: UInt64 = 0, vlanTag: VLANTag? = nil) {
        self.timestamp = timestamp
        self.wireLength = wireLength
        self.packetType = packetType
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
        self.protocolType = protocolType
        self.linkAddressLength = linkAddressLength
        self.linkAddress = linkAddress
        self.vlanTag = vlanTag
    }

    /// `PACKET_OUTGOING`: the packet was sent by this host.
    public static let outgoing: UInt8 = 4

    /// Whether this host sent the packet.
    public var isOutgoing: Bool { packetType == Self.outgoing }
}

/// An 802.1Q/802.1ad tag taken out of a packet by the kernel.
public struct VLANTag: Hashable, Sendable {
    /// The whole tag control information: priority, drop eligibility and VLAN ID.
    public var controlInformation: UInt16
    /// The tag protocol identifier (0x8100, 0x88a8).
    public var protocolIdentifier: UInt16

    /// Creates a tag.
    public init(controlInformation: UInt16, protocolIdentifier: UInt16 = 0x8100) {
        self.controlInformation = controlInformation
        self.protocolIdentifier = protocolIdentifier
    }
}

/// Which packets `-Q` keeps, by the direction the kernel reports.
public enum CaptureDirection: String, Hashable, Sendable, CaseIterable {
    /// Received packets only (`-Q in`).
    case incoming = "in"
    /// Sent packets only (`-Q out`).
    case outgoing = "out"
    /// Both (`-Q inout`, the default).
    case both = "inout"
}
