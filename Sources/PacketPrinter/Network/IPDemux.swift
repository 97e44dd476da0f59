extension PacketPrinter {
    /// The protocol after an IPv4 header or the last IPv6 extension header.
    mutating func ipPayload(_ proto: UInt8, _ payload: Bytes, length: Int, addresses: IPAddresses, fragmented: Bool) {
        switch proto {
        case 6: tcp(payload, length: length, addresses: addresses, fragmented: fragmented)
        case 17: udp(payload, length: length, addresses: addresses, fragmented: fragmented)
        case 1:
            if addresses.isIPv6 {
                out.write("[ICMP requires IPv4] (invalid)")
            } else {
                icmp(payload, length: length)
            }
        case 58:
            if addresses.isIPv6 {
                icmpv6(payload, length: length, addresses: addresses, fragmented: fragmented)
            } else {
                out.write("[ICMPv6 requires IPv6] (invalid)")
            }
        case 132: sctp(payload, length: length, addresses: addresses)
        case 2: igmp(payload, length: length)
        case 4: ipv4(payload, length: length)
        case 41: ipv6(payload, length: length)
        case 47: gre(payload, length: length)
        case 50: esp(payload, length: length)
        case 59: out.write("no next header")
        case 143:
            // Ethernet carried directly over IP (segment routing, RFC 8986).
            let saved = linkHeaderLength
            ethernet(payload, wireLength: length)
            linkHeaderLength = saved
        default:
            layers.append(.other)
            if Self.tcpdumpPrintsProtocol(proto) { uncovered() }
            protocolNumber(proto)
            out.write(" ")
            out.decimal(length)
        }
    }

    /// ` udp` without `-n` when the resolver names the protocol, else ` ip-proto-17`.
    mutating func protocolNumber(_ proto: UInt8) {
        if options.numeric == 0, let name = resolver.protocolName(number: proto) {
            out.write(" ")
            out.write(string: name)
        } else {
            out.write(" ip-proto-")
            out.decimal(proto)
        }
    }

    /// IP protocols tcpdump decodes (so its line differs from the generic one printed here).
    static func tcpdumpPrintsProtocol(_ proto: UInt8) -> Bool {
        switch proto {
        case 8, 9, 33, 51, 88, 89, 94, 103, 108, 112, 113, 46, 55, 135, 212: true
        default: false
        }
    }

    /// ESP: the SPI and sequence number, as tcpdump prints without keys.
    mutating func esp(_ data: Bytes, length: Int) {
        layers.append(.other)
        guard let spi = try? data.u32(0), let sequence = try? data.u32(4) else {
            out.write("ESP")
            truncated("esp")
            return
        }
        out.write("ESP(spi=0x")
        out.hex(spi, width: 8)
        out.write(",seq=0x")
        out.hex(sequence)
        out.write("), length ")
        out.decimal(length)
    }
}
