extension PacketPrinter {
    /// BSD NULL (host-order family) and OpenBSD LOOP (network-order family) headers.
    mutating func loopback(_ frame: Bytes, wireLength: Int, networkOrder: Bool) {
        layers.append(.loopback)
        guard frame.count >= 4, let raw = try? frame.u32(0) else {
            truncatedLink(networkOrder ? "loop" : "null", frame)
            return
        }
        // NULL's family is in the capturing host's order: a value with its high half set
        // was written by a host of the other byte order.
        let family = networkOrder ? raw : (raw & 0xffff0000 != 0 ? raw.byteSwapped : raw)
        linkHeaderLength = 4
        let name: StaticString?
        switch family {
        case 2: name = "IPv4"
        case 24, 28, 30: name = "IPv6"
        case 7: name = "OSI"
        case 23: name = "IPX"
        default: name = nil
        }
        if options.linkHeader {
            addressFamilyHeader(name, family, wireLength: wireLength)
        }
        let payload = frame.from(4)
        switch family {
        case 2: ipv4(payload, length: wireLength - 4)
        case 24, 28, 30: ipv6(payload, length: wireLength - 4)
        default:
            layers.append(.other)
            uncovered()
            if !options.linkHeader {
                addressFamilyHeader(name, family, wireLength: wireLength)
            }
            defaultPrint(payload)
        }
    }

    /// The NULL/LOOP header as tcpdump shows it: with `-e`, or in place of an unknown payload.
    private mutating func addressFamilyHeader(_ name: StaticString?, _ family: UInt32, wireLength: Int) {
        out.write("AF ")
        if let name { out.write(name) } else { out.write("Unknown") }
        out.write(" (")
        out.decimal(family)
        out.write("), length ")
        out.decimal(wireLength)
        out.write(": ")
    }
}
