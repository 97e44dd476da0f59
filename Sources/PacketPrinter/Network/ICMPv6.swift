extension PacketPrinter {
    /// ICMPv6: echo, neighbour and router discovery, MLDv2 reports; other types by
    /// tcpdump's generic wording.
    mutating func icmpv6(_ data: Bytes, length: Int) {
        layers.append(.icmpv6)
        guard let type = data.byte(0) else {
            truncated("icmp6")
            return
        }
        if options.verbosity > 0 { uncovered() }
        out.write("ICMP6, ")
        // On truncation the line keeps the type's name, as tcpdump prints it first.
        var named = out.bytes.count
        do throws(Truncated) {
            switch type {
            case 128, 129:
                out.write(type == 128 ? "echo request" : "echo reply")
                named = out.bytes.count
                out.write(", id ")
                out.decimal(try data.u16(4))
                out.write(", seq ")
                out.decimal(try data.u16(6))
            case 133: out.write("router solicitation")
            case 134: out.write("router advertisement")
            case 135:
                out.write("neighbor solicitation")
                named = out.bytes.count
                out.write(", who has ")
                try ipv6Address(data, 8)
            case 136:
                out.write("neighbor advertisement")
                named = out.bytes.count
                out.write(", tgt is ")
                try ipv6Address(data, 8)
            case 143:
                out.write("multicast listener report v2")
                named = out.bytes.count
                out.write(", ")
                out.decimal(try data.u16(6))
                out.write(" group record(s)")
            case 1, 2, 3, 4, 130, 131, 132, 137, 138, 139, 140, 141, 142, 144, 145, 146, 147, 148, 149, 151, 152, 153,
                 154, 155:
                uncovered()
                out.write("type ")
                out.decimal(type)
            default:
                out.write("unknown icmp6 type (")
                out.decimal(type)
                out.write("), length ")
                out.decimal(length)
                hex(data.prefix(length), ascii: false)
                return
            }
        } catch {
            out.bytes.removeSubrange(named...)
            truncated("icmp6")
            return
        }
        out.write(", length ")
        out.decimal(length)
    }
}
