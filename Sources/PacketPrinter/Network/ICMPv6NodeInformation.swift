extension PacketPrinter {
    /// A node information query (RFC 4620) as tcpdump's `icmp6_nodeinfo_print`, which sizes
    /// the message by the captured bytes: `(node addresses [A], subject=2001:db8::1)`.
    mutating func nodeInformationQuery(_ data: Bytes) throws(Truncated) {
        let verbose = options.verbosity > 0
        let size = data.count
        if size == 12 {
            // KAME's who-are-you request.
            out.write(" who-are-you request")
            return
        }
        out.write(" node information query")
        guard data.has(0, 16) else { return localTruncation() }
        out.write(" (")
        let queryType = try data.u16(4)
        let flags = try data.u16(6)
        switch queryType {
        case 0: out.write("noop")
        case 1:
            out.write("supported qtypes")
            if flags != 0 { out.write(flags & 1 != 0 ? " [C]" : " []") }
        case 2: out.write("DNS name")
        case 3:
            out.write("node addresses")
            if flags != 0 { nodeAddressFlags(flags, truncate: false) }
        default: out.write("unknown")
        }
        if queryType == 0 || queryType == 1 {
            if size != 16 && verbose { out.write(", invalid len") }
            out.write(")")
            return
        }
        if size == 16 {
            out.write(", 03 draft)")
            return
        }
        switch try data.u8(1) {
        case 0:
            guard data.has(0, 32) else { break }
            if size != 32 {
                if verbose { out.write(", invalid subject len") }
                break
            }
            out.write(", subject=")
            try ipv6Address(data, 16)
        case 1:
            out.write(", subject=DNS name")
            try nodeInformationName(data, from: 16)
        case 2:
            guard data.has(0, 20) else { break }
            if size != 20 {
                if verbose { out.write(", invalid subject len") }
                break
            }
            out.write(", subject=")
            try ipv4Address(data, 16)
        default:
            out.write(", unknown subject")
        }
        out.write(")")
    }

    /// A node information reply: `(success, node addresses ::1(0) [A])`.
    mutating func nodeInformationReply(_ data: Bytes, length: Int) throws(Truncated) {
        let verbose = options.verbosity > 0
        let size = data.count
        guard length <= size, data.has(0, 16) else { return localTruncation() }
        out.write(" node information reply (")
        let code = try data.u8(1)
        var comma = false
        switch code {
        case 0:
            if verbose {
                out.write("success")
                comma = true
            }
        case 1, 2:
            out.write(code == 1 ? "refused" : "unknown")
            comma = true
            if size != 16 && verbose { out.write(", invalid length") }
        default:
            break
        }
        guard code == 0 else {
            out.write(")")
            return
        }
        if comma { out.write(", ") }
        let flags = try data.u16(6)
        switch try data.u16(4) {
        case 0:
            out.write("noop")
            if size != 16 && verbose { out.write(", invalid length") }
        case 1:
            out.write("supported qtypes")
            if flags != 0 { out.write(flags & 1 != 0 ? " [C]" : " []") }
        case 2:
            out.write("DNS name")
            try nodeInformationName(data, from: 20)
            if flags & 1 != 0 {
                let ttl = try data.u32(16)
                out.write(" [TTL=")
                out.decimal(ttl)
                out.write("]")
            }
        case 3:
            out.write("node addresses")
            var offset = 16
            while offset + 20 <= size {
                try data.require(offset + 4, 16)
                let ttl = try data.u32(offset)
                out.write(" ")
                try ipv6Address(data, offset + 4)
                out.write("(")
                out.decimal(ttl)
                out.write(")")
                offset += 20
            }
            if flags != 0 { nodeAddressFlags(flags, truncate: true) }
        default:
            out.write("unknown")
        }
        out.write(")")
    }

    /// tcpdump's `ND_TCHECK` in these printers ends only the message, not the line: the
    /// mark is printed and the length still follows it at default verbosity.
    private mutating func localTruncation() {
        truncated("icmp6")
    }

    private mutating func nodeAddressFlags(_ flags: UInt16, truncate: Bool) {
        out.write(" [")
        let letters: [(UInt16, StaticString)] = [(0x40, "a"), (0x20, "G"), (0x10, "S"), (0x08, "L"), (0x04, "C"),
                                                 (0x02, "A")]
        for (bit, letter) in letters where flags & bit != 0 { out.write(letter) }
        if truncate && flags & 0x01 != 0 { out.write("T") }
        out.write("]")
    }

    /// A subject or reply name: a length-prefixed string (the 03 draft) when its first byte
    /// counts the rest, else labels without compression (tcpdump's `dnsname_print`).
    private mutating func nodeInformationName(_ data: Bytes, from start: Int) throws(Truncated) {
        let end = data.count
        if Int(try data.u8(start)) == end - start - 1 {
            if options.verbosity > 0 { out.write(", 03 draft") }
            out.write(", \"")
            try escapedCharacters(data, start + 1, end - start - 1)
            out.write("\"")
            return
        }
        out.write(", \"")
        var offset = start
        while offset < end {
            let label = Int(try data.u8(offset))
            offset += 1
            if label != 0 {
                if label > end - offset {
                    out.write("???")
                    break
                }
                try escapedCharacters(data, offset, label)
                offset += label
                if offset + 1 < end, try data.u8(offset) != 0 { out.write(".") }
            } else {
                if offset == end {
                    out.write(".")
                } else if offset + 1 == end, try data.u8(offset) == 0 {
                    // Truncated: nothing.
                } else {
                    out.write("???")
                }
                break
            }
        }
        out.write("\"")
    }

    /// Router renumbering (RFC 2894): the code, sequence number, flags under `-v`, and a
    /// command's match-prefix and use-prefix parts.
    mutating func routerRenumbering(_ data: Bytes) throws(Truncated) {
        let verbose = options.verbosity > 0
        // tcpdump prints the prefixes without looking up names.
        if options.numeric == 0 { uncovered() }
        guard data.has(12, 4) else { return localTruncation() }
        let code = try data.u8(1)
        switch code {
        case 0: out.write(", command")
        case 1: out.write(", result")
        case 255: out.write(", sequence number reset")
        default:
            out.write(", code-#")
            out.decimal(code)
        }
        out.write(", seq=")
        out.decimal(try data.u32(4))
        if verbose {
            out.write("[")
            let flags = try data.u8(9)
            if flags != 0 {
                let letters: [(UInt8, StaticString)] = [(0x80, "T"), (0x40, "R"), (0x20, "A"), (0x10, "S"), (0x08, "P")]
                for (bit, letter) in letters where flags & bit != 0 { out.write(letter) }
                out.write(",")
            }
            out.write("seg=")
            out.decimal(try data.u8(8))
            out.write(",maxdelay=")
            out.decimal(try data.u16(10))
            let reserved = try data.u32(12)
            if reserved != 0 {
                out.write("rsvd=0x")
                out.hex(reserved)
            }
            out.write("]")
        }
        guard code == 0 else { return }
        guard data.has(24, 16) else { return localTruncation() }
        out.write(" match(")
        let matchCode = try data.u8(16)
        switch matchCode {
        case 1: out.write("add")
        case 2: out.write("change")
        case 3: out.write("setglobal")
        default:
            out.write("#")
            out.decimal(matchCode)
        }
        if verbose {
            out.write(",ord=")
            out.decimal(try data.u8(18))
            out.write(",min=")
            out.decimal(try data.u8(20))
            out.write(",max=")
            out.decimal(try data.u8(21))
        }
        out.write(",")
        try ipv6Address(data, 24)
        out.write("/")
        out.decimal(try data.u8(19))
        out.write(")")
        let units = Int(try data.u8(17)) - 3
        if units % 4 != 0 { return localTruncation() }
        var offset = 40
        for _ in 0..<max(0, units / 4) {
            guard data.has(offset + 16, 16) else { return localTruncation() }
            out.write(" use(")
            let flags = try data.u8(offset + 12)
            if flags != 0 {
                if flags & 0x80 != 0 { out.write("V") }
                if flags & 0x40 != 0 { out.write("P") }
                out.write(",")
            }
            if verbose {
                out.write("mask=0x")
                out.hex(try data.u8(offset + 2))
                out.write(",raflags=0x")
                out.hex(try data.u8(offset + 3))
                for field in [offset + 4, offset + 8] {
                    out.write(field == offset + 4 ? ",vltime=" : "pltime=")
                    let time = try data.u32(field)
                    if time == 0xffff_ffff {
                        out.write("infty")
                    } else {
                        out.decimal(time)
                    }
                    out.write(",")
                }
            }
            try ipv6Address(data, offset + 16)
            out.write("/")
            out.decimal(try data.u8(offset))
            out.write("/")
            out.decimal(try data.u8(offset + 1))
            out.write(")")
            offset += 32
        }
    }
}
