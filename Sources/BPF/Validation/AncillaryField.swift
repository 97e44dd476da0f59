/// The socket-buffer fields a Linux classic BPF program reads by loading from the magic
/// offset `SKF_AD_OFF + n` (`<linux/filter.h>`); the raw value is `n`.
public enum AncillaryField: UInt32, CaseIterable, Sendable {
    /// `SKF_AD_PROTOCOL`: the link-layer protocol (`skb->protocol`, an EtherType).
    case `protocol` = 0
    /// `SKF_AD_PKTTYPE`: `skb->pkt_type` (`PACKET_HOST`, `PACKET_OUTGOING`, …).
    case packetType = 4
    /// `SKF_AD_IFINDEX`: the index of the interface the packet passed.
    case interfaceIndex = 8
    /// `SKF_AD_NLATTR`: the offset of the netlink attribute of type X, searched from offset A.
    case netlinkAttribute = 12
    /// `SKF_AD_NLATTR_NEST`: as ``netlinkAttribute``, inside the nested attribute at offset A.
    case netlinkNestedAttribute = 16
    /// `SKF_AD_MARK`: `skb->mark`.
    case mark = 20
    /// `SKF_AD_QUEUE`: `skb->queue_mapping`.
    case queue = 24
    /// `SKF_AD_HATYPE`: the interface's hardware type (`ARPHRD_*`).
    case hardwareType = 28
    /// `SKF_AD_RXHASH`: `skb->hash`.
    case rxHash = 32
    /// `SKF_AD_CPU`: the CPU that runs the filter.
    case cpu = 36
    /// `SKF_AD_ALU_XOR_X`: not a field but an operation, A ← A ^ X.
    case xorX = 40
    /// `SKF_AD_VLAN_TAG`: the VLAN TCI the driver took out of the packet.
    case vlanTag = 44
    /// `SKF_AD_VLAN_TAG_PRESENT`: 1 when a VLAN tag was taken out of the packet, else 0.
    case vlanTagPresent = 48
    /// `SKF_AD_PAY_OFFSET`: the offset of the transport payload, as the flow dissector finds it.
    case payloadOffset = 52
    /// `SKF_AD_RANDOM`: a random 32-bit number.
    case random = 56
    /// `SKF_AD_VLAN_TPID`: the TPID of the VLAN tag taken out of the packet.
    case vlanTPID = 60

    /// `SKF_AD_OFF` (−0x1000 as a 32-bit word): offsets from here up name ancillary fields.
    public static let baseOffset: UInt32 = 0xFFFF_F000
    /// `SKF_NET_OFF` (−0x100000): loads from here up to ``baseOffset`` read relative to the
    /// network header.
    public static let networkHeaderBaseOffset: UInt32 = 0xFFF0_0000
    /// `SKF_LL_OFF` (−0x200000): loads from here up to ``networkHeaderBaseOffset`` read
    /// relative to the link-layer header.
    public static let linkHeaderBaseOffset: UInt32 = 0xFFE0_0000

    /// The field a load offset names, or `nil` when the offset is not one the kernel knows.
    public init?(loadOffset: UInt32) {
        guard loadOffset >= Self.baseOffset else { return nil }
        self.init(rawValue: loadOffset &- Self.baseOffset)
    }

    /// The load offset that reads this field.
    public var loadOffset: UInt32 { Self.baseOffset &+ rawValue }
}
