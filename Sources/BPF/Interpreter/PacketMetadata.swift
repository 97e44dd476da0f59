/// What the Linux kernel knows about a packet beyond its bytes: the `sk_buff` fields that a
/// classic BPF program reads through ancillary loads (`SKF_AD_OFF + n`) and the header
/// positions behind `SKF_NET_OFF` and `SKF_LL_OFF` loads.
///
/// Values are given as the kernel's filter sees them, in host order (an EtherType of
/// `0x0800`, not its network-order bytes).
public struct PacketMetadata: Hashable, Sendable {
    /// `skb->protocol`: the packet's EtherType (`ETH_P_*`).
    public var `protocol`: UInt16
    /// `skb->pkt_type`: `PACKET_HOST` (0), `PACKET_BROADCAST` (1), `PACKET_MULTICAST` (2),
    /// `PACKET_OTHERHOST` (3), `PACKET_OUTGOING` (4), ….
    public var packetType: UInt8
    /// `skb->dev->ifindex`: the interface the packet arrived on or leaves by.
    public var interfaceIndex: UInt32
    /// `skb->dev->type`: the interface's hardware type (`ARPHRD_ETHER` is 1).
    public var hardwareType: UInt16
    /// `skb->mark`: the firewall mark.
    public var mark: UInt32
    /// `skb->queue_mapping`: the device queue.
    public var queue: UInt16
    /// `skb->hash`: the flow hash.
    public var rxHash: UInt32
    /// The CPU the filter runs on (`raw_smp_processor_id()`).
    public var cpu: UInt32
    /// `skb->vlan_tci`: the VLAN tag control information the driver took out of the packet.
    public var vlanTCI: UInt16
    /// Whether a VLAN tag was taken out of the packet (`skb_vlan_tag_present`).
    public var vlanTagPresent: Bool
    /// `skb->vlan_proto`: the TPID of the removed VLAN tag (`0x8100`, `0x88a8`).
    public var vlanTPID: UInt16
    /// The offset of the network header from the first packet byte (the link-layer
    /// header, `skb_mac_header`); `SKF_NET_OFF + n` reads the byte at this offset plus `n`.
    public var networkHeaderOffset: UInt32
    /// The offset of the transport payload from the first packet byte, as the kernel's
    /// flow dissector computes it (`__skb_get_poff`).
    public var payloadOffset: UInt32
    /// The number `SKF_AD_RANDOM` returns (the kernel draws `get_random_u32()`; the caller
    /// chooses it here so that runs are reproducible).
    public var random: UInt32

    /// Creates metadata; every field not given is zero or absent.
    public init(
        protocol: UInt16 = 0, packetType: UInt8 = 0, interfaceIndex: UInt32 = 0,
        hardwareType: UInt16 = 0, mark: UInt32 = 0, queue: UInt16 = 0, rxHash: UInt32 = 0,
        cpu: UInt32 = 0, vlanTCI: UInt16 = 0, vlanTagPresent: Bool = false, vlanTPID: UInt16 = 0,
        networkHeaderOffset: UInt32 = 0, payloadOffset: UInt32 = 0, random: UInt32 = 0
    ) {
        self.protocol = `protocol`
        self.packetType = packetType
        self.interfaceIndex = interfaceIndex
        self.hardwareType = hardwareType
        self.mark = mark
        self.queue = queue
        self.rxHash = rxHash
        self.cpu = cpu
        self.vlanTCI = vlanTCI
        self.vlanTagPresent = vlanTagPresent
        self.vlanTPID = vlanTPID
        self.networkHeaderOffset = networkHeaderOffset
        self.payloadOffset = payloadOffset
        self.random = random
    }
}
