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
        if options.linkHeader {
            protocolField(proto)
        }
        if optionsLength > 0 {
            out.write(", options [")
            if options.verbosity > 0 {
                geneveOptions(data.from(8), length: optionsLength)
            } else {
                out.decimal(optionsLength)
                out.write(" bytes")
            }
            out.write("]")
        }
        out.write(options.verbosity > 0 ? "\n\t" : ": ")
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

    /// `-v`: each option's class, type (`(C)` when critical) and length.
    private mutating func geneveOptions(_ options: Bytes, length: Int) {
        var offset = 0
        var separator: StaticString = ""
        while offset < length {
            out.write(separator)
            separator = ", "
            guard let optionClass = try? options.u16(offset), let type = options.byte(offset + 2),
                  let words = options.byte(offset + 3) else { return uncovered() }
            let optionLength = 4 + Int(words & 0x1f) * 4
            out.write("class ")
            switch optionClass {
            case 0...0xff: out.write("Standard")
            case 0x100...0x104, 0xfff0...: uncovered()  // named classes tcpdump knows; not checked here
            default: out.write("Unknown")
            }
            out.write(" (0x")
            out.hex(optionClass)
            out.write(") type 0x")
            out.hex(type)
            if type & 0x80 != 0 { out.write("(C)") }
            out.write(" len ")
            out.decimal(optionLength)
            if optionLength > length - offset {
                out.write(" [bad length]")
                return
            }
            offset += optionLength
        }
    }

    /// `, proto IPv4 (0x0800)`: the carried protocol, which tunnels show with `-e`.
    mutating func protocolField(_ proto: UInt16) {
        out.write(", proto ")
        out.write(string: EtherType.name(proto) ?? "unknown")
        out.write(" (0x")
        out.hex(proto, width: 4)
        out.write(")")
    }
}
