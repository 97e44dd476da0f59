import BPF

/// Primitives about the link layer: MAC addresses, link casts, direction, interface index.
enum LinkPrimitives {
    /// Linux's `SKF_AD_OFF`: ancillary loads use offsets from here.
    static let ancillaryBase: UInt32 = 0xffff_f000
    /// `SKF_AD_PKTTYPE`, `SKF_AD_IFINDEX`.
    static let packetTypeLoad: UInt32 = ancillaryBase + 4
    static let interfaceIndexLoad: UInt32 = ancillaryBase + 8
    /// `PACKET_OUTGOING`.
    static let outgoing: UInt32 = 4

    static func etherHost(_ mac: [UInt8], _ direction: AddressDirection, _ e: Encapsulation)
        throws(CodeGenerationError) -> Predicate
    {
        if e.linkLayer.isWireless { return Wireless.host(mac, direction, e) }
        guard e.linkLayer == .ethernet else { throw .etherAddressUnsupported }
        return e.afterInnerEthernetCheck(Directions.combine(direction, source: e.linkHeader.compareBytes(at: 6, mac),
                                                            destination: e.linkHeader.compareBytes(at: 0, mac)))
    }

    /// `byte OFFSET op VALUE` (libpcap's `gen_byteop`): the byte at OFFSET from the link
    /// header, compared as libpcap's relations compare (`<` is not `>=`).
    static func byte(at offset: UInt32, _ op: RelationalOperator, _ value: UInt32, _ e: Encapsulation) -> Predicate {
        let header = e.linkHeader
        var load = header.load(.byte, at: offset)
        if header.variable == nil, header.constant &+ offset >= MachineState.specialOffsets {
            // No packet has a byte there, and libpcap's interpreter ends the program with 0;
            // but the top of that range holds the kernel's ancillary and header-relative loads.
            // A load at 2^31 fails in both (the kernel reads it as a negative offset below them).
            load = [.loadAbsolute(.byte, offset: MachineState.specialOffsets)]
        }
        switch op {
        case .equal: return .compare(load, .equal, value)
        case .notEqual: return .not(.compare(load, .equal, value))
        case .greater: return .compare(load, .greater, value)
        case .greaterOrEqual: return .compare(load, .greaterOrEqual, value)
        case .less: return .not(.compare(load, .greaterOrEqual, value))
        case .lessOrEqual: return .not(.compare(load, .greater, value))
        }
    }

    static func broadcast(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        if e.linkLayer.isWireless { return Wireless.broadcast(e) }
        guard e.linkLayer == .ethernet else { throw .notBroadcastLink }
        return e.afterInnerEthernetCheck(e.linkHeader.compareBytes(at: 0, Array(repeating: 0xff, count: 6)))
    }

    static func multicast(_ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        if e.linkLayer.isWireless { return Wireless.multicast(e) }
        guard e.linkLayer == .ethernet else { throw .linkMulticastUnsupported }
        return e.afterInnerEthernetCheck(e.linkHeader.compare(.byte, at: 0, .bitsSet, 1))
    }

    /// `inbound`/`outbound`: the cooked header's packet type, else the kernel's.
    static func direction(_ direction: PacketDirection, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        let isOutgoing: Predicate
        switch e.linkLayer {
        case .linuxCooked: isOutgoing = e.linkHeader.compare(.half, at: 0, outgoing)
        case .linuxCooked2: isOutgoing = e.linkHeader.compare(.byte, at: 10, outgoing)
        default:
            guard e.target.hasAncillaryData else { throw .directionUnsupported(e.linkLayer) }
            isOutgoing = .compare([.loadAbsolute(.half, offset: packetTypeLoad)], .equal, outgoing)
        }
        return direction == .outbound ? isOutgoing : .not(isOutgoing)
    }

    /// `ifindex N`: the cooked v2 header's interface index, else the kernel's.
    static func interfaceIndex(_ index: UInt32, _ e: Encapsulation) throws(CodeGenerationError) -> Predicate {
        if e.linkLayer == .linuxCooked2 { return e.linkHeader.compare(.word, at: 4, index) }
        guard e.target.hasAncillaryData else { throw .interfaceIndexUnsupported(e.linkLayer) }
        return .compare([.loadAbsolute(.word, offset: interfaceIndexLoad)], .equal, index)
    }
}
