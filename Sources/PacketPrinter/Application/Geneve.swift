extension PacketPrinter {
    /// GENEVE (UDP 6081): flags, VNI and the options' size, then the inner frame by its
    /// protocol type (an ethertype, or Ethernet for TEB).
    mutating func geneve(_ data: Bytes, length: Int) {
        layers.append(.geneve)
        out.write("Geneve")
        guard let versionAndOptions = data.byte(0) else {
            truncated("geneve")
            return
        }
        guard versionAndOptions >> 6 == 0 else {
            out.write(" ERROR: unknown-version ")
            out.decimal(versionAndOptions >> 6)
            return
        }
        guard let flags = data.byte(1), let proto = try? data.u16(2), let vni = try? data.u24(4),
              let reserved = data.byte(7) else {
            truncated("geneve")
            return
        }
        let optionsLength = Int(versionAndOptions & 0x3f) * 4
        out.write(", Flags [")
        if flags & 0xc0 == 0 { out.write("none") }
        if flags & 0x80 != 0 { out.write("O") }
        if flags & 0x40 != 0 { out.write("C") }
        out.write("], vni 0x")
        out.hex(vni)
        if reserved != 0 {
            out.write(", rsvd 0x")
            out.hex(reserved)
        }
        if options.verbosity > 0 || options.linkHeader {
            out.write(", proto ")
            out.write(string: EtherType.name(proto) ?? "unknown")
            out.write(" (0x")
            out.hex(proto, width: 4)
            out.write(")")
        }
        if options.verbosity > 0 { uncovered() }
        if optionsLength > 0 {
            out.write(", options [")
            out.decimal(optionsLength)
            out.write(" bytes]")
        }
        out.write(": ")
        let payload = data.from(8 + optionsLength)
        let inner = length - 8 - optionsLength
        let saved = linkHeaderLength
        defer { linkHeaderLength = saved }
        if proto == 0x6558 {
            ethernet(payload, wireLength: inner)
        } else if !ethertype(proto, payload, length: inner) {
            out.write("geneve-proto-0x")
            out.hex(proto)
        }
    }
}
