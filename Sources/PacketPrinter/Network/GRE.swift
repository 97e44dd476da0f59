extension PacketPrinter {
    /// GRE version 0: checksum/offset, key and sequence fields, then the carried protocol.
    mutating func gre(_ data: Bytes, length: Int) {
        layers.append(.gre)
        out.write("GRE")
        guard let flags = try? data.u16(0), let proto = try? data.u16(2) else {
            truncated("gre")
            return
        }
        guard flags & 7 == 0 else {
            uncovered()
            out.write("v")
            out.decimal(flags & 7)
            return
        }
        out.write("v0")
        if options.verbosity > 0 { greFlags(flags) }
        var offset = 4
        do throws(Truncated) {
            if flags & 0xc000 != 0 {
                if options.verbosity > 0 {
                    out.write(", sum 0x")
                    out.hex(try data.u16(offset))
                }
                offset += 2
                out.write(", off 0x")
                out.hex(try data.u16(offset))
                offset += 2
            }
            if flags & 0x2000 != 0 {
                out.write(", key=0x")
                out.hex(try data.u32(offset))
                offset += 4
            }
            if flags & 0x1000 != 0 {
                out.write(", seq ")
                out.decimal(try data.u32(offset))
                offset += 4
            }
        } catch {
            truncated("gre")
            return
        }
        if flags & 0x4000 != 0 { uncovered() }  // Source routes are not decoded.
        if options.linkHeader {
            protocolField(proto)
        }
        out.write(", length ")
        out.decimal(length)
        out.write(options.verbosity > 0 ? "\n\t" : ": ")
        let payload = data.from(offset)
        let inner = length - offset
        switch proto {
        case 0x0800: ipv4(payload, length: inner)
        case 0x86dd: ipv6(payload, length: inner)
        case 0x8847: mpls(payload, length: inner)
        case 0x6558:
            let saved = linkHeaderLength
            ethernet(payload, wireLength: inner)
            linkHeaderLength = saved
        default:
            uncovered()
            layers.append(.other)
            out.write("gre-proto-0x")
            out.hex(proto)
        }
    }

    /// `-v`: the flag bits by name. Only `key present` has been checked against tcpdump's
    /// wording; lines with other flags are not claimed.
    private mutating func greFlags(_ flags: UInt16) {
        out.write(", Flags [")
        let names: [(UInt16, StaticString)] = [(0x8000, "checksum present"), (0x4000, "routing present"),
                                               (0x2000, "key present"), (0x1000, "sequence# present"),
                                               (0x0800, "source route"), (0x0080, "ack present")]
        var separator: StaticString = ""
        for (bit, name) in names where flags & bit != 0 {
            out.write(separator)
            out.write(name)
            separator = ", "
        }
        if flags & 0xf8ff == 0 { out.write("none") }
        out.write("]")
        if flags & 0xdfff != 0 { uncovered() }
    }
}
