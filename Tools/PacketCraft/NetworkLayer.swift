/// IP protocol numbers used by the crafted packets.
public enum IPProtocol: UInt8, Sendable {
    case icmp = 1, igmp = 2, tcp = 6, udp = 17, ipv6Fragment = 44, icmpv6 = 58, ipv6HopByHop = 0
}

/// Builders for IPv4 and IPv6 packets.
public enum NetworkLayer {
    /// An IPv4 packet with a correct header checksum.
    public static func ipv4(
        source: IPv4Address, destination: IPv4Address, protocol proto: IPProtocol,
        identification: UInt16 = 1, ttl: UInt8 = 64, dontFragment: Bool = false,
        fragmentOffset: UInt16 = 0, moreFragments: Bool = false, options: [UInt8] = [],
        payload: [UInt8]
    ) -> [UInt8] {
        precondition(options.count % 4 == 0, "IPv4 options are padded to 32 bits")
        let headerLength = 20 + options.count
        var header: [UInt8] = [UInt8(0x40 | headerLength / 4), 0]
        header.appendBigEndian(UInt16(headerLength + payload.count))
        header.appendBigEndian(identification)
        let flags: UInt16 = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0)
        header.appendBigEndian(flags | fragmentOffset)
        header += [ttl, proto.rawValue, 0, 0]
        header += source.octets + destination.octets + options
        let checksum = internetChecksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xff)
        return header + payload
    }

    /// An IPv6 packet; `extensionHeaders` are (next-header value of the header, its bytes).
    public static func ipv6(
        source: IPv6Address, destination: IPv6Address, nextHeader: IPProtocol,
        hopLimit: UInt8 = 64, payload: [UInt8]
    ) -> [UInt8] {
        var header: [UInt8] = [0x60, 0, 0, 0]
        header.appendBigEndian(UInt16(payload.count))
        header += [nextHeader.rawValue, hopLimit]
        return header + source.octets + destination.octets + payload
    }

    /// An IPv6 hop-by-hop options header carrying only padding, followed by `payload`.
    public static func hopByHop(nextHeader: IPProtocol, payload: [UInt8]) -> [UInt8] {
        [nextHeader.rawValue, 0, 1, 4, 0, 0, 0, 0] + payload
    }
}
