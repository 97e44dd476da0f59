/// The Linux extensions to packet loads, off the hot path: ancillary fields
/// (`SKF_AD_OFF + n`) and header-relative offsets (`SKF_NET_OFF + n`, `SKF_LL_OFF + n`).
///
/// With no metadata every such load behaves as in libpcap's `bpf_filter` with no aux data:
/// an ordinary bounds-checked packet load, except that `ldb` of the two VLAN fields rejects.
enum ExtensionLoads {
    /// The value an absolute load at `offset` ≥ `SKF_LL_OFF` puts in A, or `nil` when the
    /// load rejects the packet. All three load sizes read a whole ancillary field, as in the
    /// kernel.
    static func absolute(
        offset: UInt32, size: UInt32, a: UInt32, x: UInt32,
        packet: UnsafeRawBufferPointer, metadata: PacketMetadata?
    ) -> UInt32? {
        guard let metadata else {
            if size == 1, offset == AncillaryField.vlanTag.loadOffset
                || offset == AncillaryField.vlanTagPresent.loadOffset {
                return nil
            }
            return PacketBytes.load(packet, at: UInt(offset), size: size)
        }
        guard offset >= AncillaryField.baseOffset else {
            return headerRelative(offset: offset, size: size, packet: packet, metadata: metadata)
        }
        switch AncillaryField(loadOffset: offset) {
        case .protocol?: return UInt32(metadata.protocol)
        case .packetType?: return UInt32(metadata.packetType)
        case .interfaceIndex?: return metadata.interfaceIndex
        case .netlinkAttribute?: return NetlinkAttributes.find(in: packet, from: a, type: x)
        case .netlinkNestedAttribute?: return NetlinkAttributes.findNested(in: packet, at: a, type: x)
        case .mark?: return metadata.mark
        case .queue?: return UInt32(metadata.queue)
        case .hardwareType?: return UInt32(metadata.hardwareType)
        case .rxHash?: return metadata.rxHash
        case .cpu?: return metadata.cpu
        case .xorX?: return a ^ x
        case .vlanTag?: return UInt32(metadata.vlanTCI)
        case .vlanTagPresent?: return metadata.vlanTagPresent ? 1 : 0
        case .payloadOffset?: return metadata.payloadOffset
        case .random?: return metadata.random
        case .vlanTPID?: return UInt32(metadata.vlanTPID)
        case nil: return nil
        }
    }

    /// The value of an indirect (or `ldxb 4*([k]&0xf)`) load whose offset failed the
    /// ordinary bounds check: with metadata, a header-relative read as the kernel does for a
    /// negative offset; otherwise `nil`, rejecting the packet.
    static func indirect(
        offset: UInt32, size: UInt32, packet: UnsafeRawBufferPointer, metadata: PacketMetadata?
    ) -> UInt32? {
        guard let metadata, offset >= AncillaryField.linkHeaderBaseOffset,
              offset < AncillaryField.baseOffset
        else { return nil }
        return headerRelative(offset: offset, size: size, packet: packet, metadata: metadata)
    }

    /// The kernel's `bpf_internal_load_pointer_neg_helper`: the packet buffer starts at the
    /// link-layer header, and the network header is `networkHeaderOffset` bytes into it.
    private static func headerRelative(
        offset: UInt32, size: UInt32, packet: UnsafeRawBufferPointer, metadata: PacketMetadata
    ) -> UInt32? {
        let start: UInt
        if offset >= AncillaryField.networkHeaderBaseOffset {
            start = UInt(metadata.networkHeaderOffset) + UInt(offset - AncillaryField.networkHeaderBaseOffset)
        } else {
            start = UInt(offset - AncillaryField.linkHeaderBaseOffset)
        }
        return PacketBytes.load(packet, at: start, size: size)
    }
}

/// Bounds-checked big-endian reads for the slow paths.
enum PacketBytes {
    /// The `size`-byte (1, 2 or 4) big-endian value at `offset`, or `nil` past the end.
    static func load(_ packet: UnsafeRawBufferPointer, at offset: UInt, size: UInt32) -> UInt32? {
        guard offset <= UInt(packet.count), UInt(size) <= UInt(packet.count) - offset else { return nil }
        let start = Int(offset)
        switch size {
        case 4: return UInt32(bigEndian: packet.loadUnaligned(fromByteOffset: start, as: UInt32.self))
        case 2: return UInt32(UInt16(bigEndian: packet.loadUnaligned(fromByteOffset: start, as: UInt16.self)))
        default: return UInt32(packet[start])
        }
    }
}
