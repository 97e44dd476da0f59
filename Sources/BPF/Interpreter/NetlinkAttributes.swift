/// The kernel's `SKF_AD_NLATTR` and `SKF_AD_NLATTR_NEST` searches over a netlink message
/// held in the packet buffer (`bpf_skb_get_nlattr`, `bpf_skb_get_nlattr_nest`, `nla_find`).
///
/// Attribute headers are `struct nlattr { u16 nla_len; u16 nla_type; }` in host byte order;
/// each attribute is padded to 4 bytes. The result is the attribute's offset in the packet,
/// or 0 when there is none.
enum NetlinkAttributes {
    private static let headerSize = 4
    /// `NLA_F_NESTED | NLA_F_NET_BYTEORDER`, which the type comparison ignores.
    private static let typeMask: UInt16 = 0x3FFF

    /// The offset of the first attribute of type `type` among those starting at `from`.
    static func find(in packet: UnsafeRawBufferPointer, from: UInt32, type: UInt32) -> UInt32 {
        guard packet.count >= headerSize, Int(from) <= packet.count - headerSize else { return 0 }
        return search(packet, start: Int(from), length: packet.count - Int(from), type: type)
    }

    /// The offset of the first attribute of type `type` inside the attribute at `at`.
    static func findNested(in packet: UnsafeRawBufferPointer, at: UInt32, type: UInt32) -> UInt32 {
        guard packet.count >= headerSize, Int(at) <= packet.count - headerSize else { return 0 }
        let start = Int(at)
        let nestLength = Int(packet.loadUnaligned(fromByteOffset: start, as: UInt16.self))
        guard nestLength <= packet.count - start else { return 0 }
        return search(packet, start: start + headerSize, length: nestLength - headerSize, type: type)
    }

    /// `nla_find`: walks attributes while a whole, well-formed one remains.
    private static func search(_ packet: UnsafeRawBufferPointer, start: Int, length: Int, type: UInt32) -> UInt32 {
        var position = start
        var remaining = length
        while remaining >= headerSize {
            let attributeLength = Int(packet.loadUnaligned(fromByteOffset: position, as: UInt16.self))
            guard attributeLength >= headerSize, attributeLength <= remaining else { return 0 }
            let attributeType = packet.loadUnaligned(fromByteOffset: position + 2, as: UInt16.self) & typeMask
            if UInt32(attributeType) == type { return UInt32(truncatingIfNeeded: position) }
            let padded = (attributeLength + 3) & ~3
            position += padded
            remaining -= padded
        }
        return 0
    }
}
