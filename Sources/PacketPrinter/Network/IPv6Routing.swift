extension PacketPrinter {
    /// An IPv6 routing header: `RT6 (len=2, type=0 [Deprecated], segleft=1, [0]addr) ` for
    /// type 0 (and 2), with the last entry and tag for segment routing (type 4); returns the
    /// header's size, or nil when the line ends here (invalid or truncated).
    mutating func routingHeader(_ data: Bytes) -> Int? {
        // tcpdump prints each field as it reads it, and IPv6's mark when no byte was captured.
        guard data.count > 0 else {
            truncated("ip6")
            return nil
        }
        out.write("RT6")
        guard let length = data.byte(1) else {
            truncated("rt6")
            return nil
        }
        out.write(" (len=")
        out.decimal(length)
        guard let type = data.byte(2) else {
            truncated("rt6")
            return nil
        }
        out.write(", type=")
        out.decimal(type)
        if type == 0 { out.write(" [Deprecated]") }
        guard let segmentsLeft = data.byte(3) else {
            truncated("rt6")
            return nil
        }
        out.write(", segleft=")
        out.decimal(segmentsLeft)
        let addresses: Int
        switch type {
        case 0, 2:
            if options.verbosity > 0 {
                guard let reserved = try? data.u32(4) else {
                    truncated("rt6")
                    return nil
                }
                out.write(", rsv=0x")
                out.hex(reserved)
            }
            addresses = Int(length) / 2
        case 4:
            guard let last = data.byte(4) else {
                truncated("rt6")
                return nil
            }
            out.write(", last-entry=")
            out.decimal(last)
            guard let flags = data.byte(5) else {
                truncated("rt6")
                return nil
            }
            if flags != 0 || options.verbosity > 0 {
                out.write(", flags=0x")
                out.hex(flags)
            }
            guard let tag = try? data.u16(6) else {
                truncated("rt6")
                return nil
            }
            out.write(", tag=")
            out.hex(tag)
            addresses = Int(last) + 1
        default:
            uncovered()
            out.write(" (unknown type) (invalid)")
            return nil
        }
        if length % 2 == 1 {
            out.write(" (invalid length ")
            out.decimal(length)
            out.write(") (invalid)")
            return nil
        }
        for index in 0..<addresses {
            guard data.has(8 + 16 * index, 16) else {
                truncated("rt6")
                return nil
            }
            out.write(", [")
            out.decimal(index)
            out.write("]")
            try? ipv6Address(data, 8 + 16 * index)
        }
        out.write(") ")
        return (Int(length) + 1) * 8
    }
}
