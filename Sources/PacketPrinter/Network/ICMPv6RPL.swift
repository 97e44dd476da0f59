extension PacketPrinter {
    /// RPL control messages (RFC 6550) as tcpdump's `rpl_print`; `data` starts after the
    /// ICMPv6 type, code and checksum. Under `-v` the DODAG fields follow in brackets; the
    /// options are printed only at higher verbosity.
    mutating func routingForLowPower(_ data: Bytes, code: UInt8, length: Int) throws(Truncated) {
        if code & 0x80 != 0 {
            out.write(", (SEC) [worktodo]")
            return
        }
        out.write(", (CLR)")
        let verbose = options.verbosity > 0
        switch code {
        case 0:
            out.write("DODAG Information Solicitation")
        case 1:
            out.write("DODAG Information Object")
            if verbose { try dodagInformationObject(data) }
        case 2:
            out.write("Destination Advertisement Object")
            if verbose { try destinationAdvertisement(data, length: length) }
        case 3:
            out.write("Destination Advertisement Object Ack")
            if verbose { try destinationAdvertisementAck(data, length: length) }
        default:
            out.write("RPL message, unknown code ")
            out.decimal(code)
        }
    }

    private mutating func dodagInformationObject(_ data: Bytes) throws(Truncated) {
        guard data.has(0, 24) else { return truncated("icmp6") }
        let instance = try data.u8(0)
        let rank = try data.u16(2)
        let modeAndPreference = try data.u8(4)
        let sequence = try data.u8(5)
        out.write(" [dagid:")
        try ipv6Address(data, 8)
        out.write(",seq:")
        out.decimal(sequence)
        out.write(",instance:")
        out.decimal(instance)
        out.write(",rank:")
        out.decimal(rank)
        out.write(",")
        if modeAndPreference & 0x80 != 0 { out.write("grounded,") }
        out.write("mop:")
        let modes: [StaticString] = ["nonstoring", "storing", "nonstoring-multicast", "storing-multicast"]
        let mode = Int(modeAndPreference >> 3 & 7)
        if mode < modes.count {
            out.write(modes[mode])
        } else {
            out.write("mop")
            out.decimal(mode)
        }
        out.write(",prf:")
        out.decimal(modeAndPreference & 7)
        out.write("]")
    }

    private mutating func destinationAdvertisement(_ data: Bytes, length: Int) throws(Truncated) {
        guard data.has(0, 20) else { return truncated("icmp6") }
        if length < 4 {
            out.write(" [|length too short]")
            return
        }
        let flags = try data.u8(1)
        let hasDodag = flags & 0x40 != 0
        if hasDodag && length - 4 < 16 {
            out.write(" [|length too short]")
            return
        }
        try dagID(data, present: hasDodag)
        out.write(",seq:")
        out.decimal(try data.u8(3))
        out.write(",instance:")
        out.decimal(try data.u8(0))
        if flags & 0x80 != 0 { out.write(",acK") }
        if hasDodag { out.write(",Dagid") }
        out.write(",")
        out.hexByte(flags)
        out.write("]")
    }

    private mutating func destinationAdvertisementAck(_ data: Bytes, length: Int) throws(Truncated) {
        guard data.has(0, 4) else { return truncated("icmp6") }
        if length < 4 {
            out.write(" [|dao-length too short]")
            return
        }
        let hasDodag = try data.u8(1) & 0x80 != 0
        if hasDodag {
            guard data.has(4, 16) else { return truncated("icmp6") }
            if length - 4 < 16 {
                out.write(" [|dao-length too short]")
                return
            }
        }
        try dagID(data, present: hasDodag)
        out.write(",seq:")
        out.decimal(try data.u8(2))
        out.write(",instance:")
        out.decimal(try data.u8(0))
        out.write(",status:")
        out.decimal(try data.u8(3))
        out.write("]")
    }

    /// ` [dagid:ADDRESS` (the 16 bytes after the first word), or `<elided>` when absent.
    private mutating func dagID(_ data: Bytes, present: Bool) throws(Truncated) {
        out.write(" [dagid:")
        if present {
            try ipv6Address(data, 4)
        } else {
            out.write("<elided>")
        }
    }
}
