extension PacketPrinter {
    /// PPP frames (LINKTYPE_PPP): optional address/control bytes, then a one- or two-byte
    /// protocol number.
    mutating func ppp(_ frame: Bytes, wireLength: Int) {
        layers.append(.ppp)
        guard frame.count >= 2 else {
            truncatedLink("ppp", frame)
            return
        }
        var offset = 0
        if frame.byte(0) == 0xff && frame.byte(1) == 0x03 { offset = 2 }
        let proto: UInt16
        if let first = frame.byte(offset), first & 1 == 1 {
            proto = UInt16(first)
            offset += 1
        } else if let value = try? frame.u16(offset) {
            proto = value
            offset += 2
        } else {
            truncatedLink("ppp", frame)
            return
        }
        linkHeaderLength = offset
        if options.linkHeader {
            out.write(string: Self.pppProtocolName(proto) ?? "unknown")
            out.write(" (0x")
            out.hex(proto, width: 4)
            out.write("), length ")
            out.decimal(wireLength)
            out.write(": ")
        }
        pppPayload(proto, frame.from(offset), length: wireLength - offset)
    }

    /// The payload of a PPP protocol number (shared with PPPoE sessions).
    mutating func pppPayload(_ proto: UInt16, _ payload: Bytes, length: Int) {
        switch proto {
        case 0x0021: ipv4(payload, length: length)
        case 0x0057: ipv6(payload, length: length)
        case 0x0281, 0x0283: mpls(payload, length: length)
        default:
            layers.append(.other)
            uncovered()
            if !options.linkHeader {
                out.write(string: Self.pppProtocolName(proto) ?? "unknown")
                out.write(" (0x")
                out.hex(proto, width: 4)
                out.write("), length ")
                out.decimal(length)
                out.write(": ")
            }
            defaultPrint(payload)
        }
    }

    static func pppProtocolName(_ proto: UInt16) -> String? {
        switch proto {
        case 0x0021: "IP"
        case 0x0057: "IPV6"
        case 0x0281: "MPLS"
        case 0x0283: "MPLS mcast"
        case 0xc021: "LCP"
        case 0x8021: "IPCP"
        case 0x8057: "IP6CP"
        case 0xc023: "PAP"
        case 0xc223: "CHAP"
        case 0x80fd: "CCP"
        default: nil
        }
    }
}
