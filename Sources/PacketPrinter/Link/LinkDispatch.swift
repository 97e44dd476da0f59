import PcapFile

extension PacketPrinter {
    /// Prints a frame of `type`; link types without a printer get tcpdump's generic form.
    mutating func link(_ type: LinkType, _ frame: Bytes, wireLength: Int, interface: Int) {
        switch type {
        case .ethernet: ethernet(frame, wireLength: wireLength)
        case .linuxSLL: linuxCooked(frame, wireLength: wireLength)
        case .linuxSLL2: linuxCooked2(frame, wireLength: wireLength)
        case .null: loopback(frame, wireLength: wireLength, networkOrder: false)
        case .loop: loopback(frame, wireLength: wireLength, networkOrder: true)
        case .raw, .ipv4, .ipv6: rawIP(frame, wireLength: wireLength)
        case .ppp: ppp(frame, wireLength: wireLength)
        default:
            layers.append(.other)
            uncovered()
            out.write("[unsupported link-type ")
            out.decimal(type.rawValue)
            out.write("], length ")
            out.decimal(wireLength)
        }
    }

    /// LINKTYPE_RAW and friends: IPv4 or IPv6 by the version nibble.
    mutating func rawIP(_ frame: Bytes, wireLength: Int) {
        layers.append(.raw)
        if options.linkHeader { out.write("ip: ") }
        ipByVersion(frame, length: wireLength)
    }

    /// Enters one more enclosed network header; false (and a generic mark) past the limit.
    mutating func enterNested() -> Bool {
        guard nesting < Self.maximumNesting else {
            uncovered()
            out.write("[too many nested headers]")
            return false
        }
        nesting += 1
        return true
    }

    /// IPv4 or IPv6 by the version nibble, as tcpdump's `ipN_print` chooses.
    mutating func ipByVersion(_ data: Bytes, length: Int) {
        guard let first = data.byte(0) else {
            out.write("[|ip]")
            return
        }
        switch first >> 4 {
        case 4: ipv4(data, length: length)
        case 6: ipv6(data, length: length)
        default:
            out.write("IP ver ")
            out.decimal(first >> 4)
        }
    }
}
