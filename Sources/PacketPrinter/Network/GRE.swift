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
        var offset = 4
        do throws(Truncated) {
            if flags & 0xc000 != 0 {
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
        if flags & 0x4000 != 0 || options.verbosity > 0 { uncovered() }
        out.write(", length ")
        out.decimal(length)
        out.write(": ")
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
}
