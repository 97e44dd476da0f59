extension PacketPrinter {
    /// A dotted-quad IPv4 address at `offset` (its name when the resolver has one).
    mutating func ipv4Address(_ data: Bytes, _ offset: Int) throws(Truncated) {
        let value = try data.u32(offset)
        if options.numeric == 0, let name = resolver.hostName(ipv4: value) {
            out.write(string: name)
            return
        }
        out.decimal(value >> 24)
        out.write(byte: 0x2e)
        out.decimal(value >> 16 & 0xff)
        out.write(byte: 0x2e)
        out.decimal(value >> 8 & 0xff)
        out.write(byte: 0x2e)
        out.decimal(value & 0xff)
    }

    /// An IPv6 address at `offset` in RFC 5952 text: the longest run of two or more zero
    /// groups becomes `::`, and IPv4-compatible or -mapped addresses end in dotted quads.
    mutating func ipv6Address(_ data: Bytes, _ offset: Int) throws(Truncated) {
        try data.require(offset, 16)
        if options.numeric == 0 {
            let raw = (0..<16).map { data.byte(offset + $0) ?? 0 }
            if let name = resolver.hostName(ipv6: raw) {
                out.write(string: name)
                return
            }
        }
        var words = [UInt16](repeating: 0, count: 8)
        for i in 0..<8 { words[i] = try data.u16(offset + 2 * i) }
        var bestStart = -1, bestLength = 0, runStart = -1
        for i in 0...8 {
            if i < 8 && words[i] == 0 {
                if runStart < 0 { runStart = i }
            } else if runStart >= 0 {
                if i - runStart > bestLength { bestStart = runStart; bestLength = i - runStart }
                runStart = -1
            }
        }
        if bestLength < 2 { bestStart = -1 }
        for i in 0..<8 {
            if bestStart >= 0 && i >= bestStart && i < bestStart + bestLength {
                if i == bestStart { out.write(byte: 0x3a) }
                continue
            }
            if i != 0 { out.write(byte: 0x3a) }
            if i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xffff)) {
                try ipv4Address(data, offset + 12)
                return
            }
            out.hex(words[i])
        }
        if bestStart >= 0 && bestStart + bestLength == 8 { out.write(byte: 0x3a) }
    }

    /// `aa:bb:cc:dd:ee:ff` at `offset`.
    mutating func macAddress(_ data: Bytes, _ offset: Int) throws(Truncated) {
        try data.require(offset, 6)
        if options.numeric == 0 {
            // tcpdump names the broadcast address and appends the vendor of the rest.
            if (0..<6).allSatisfy({ data.byte(offset + $0) == 0xff }) {
                out.write("Broadcast")
                return
            }
            for i in 0..<6 {
                if i > 0 { out.write(byte: 0x3a) }
                out.hexByte(try data.u8(offset + i))
            }
            out.write(" (oui ")
            out.write(string: resolver.vendorName(oui: try data.u24(offset)) ?? "Unknown")
            out.write(")")
            return
        }
        for i in 0..<6 {
            if i > 0 { out.write(byte: 0x3a) }
            out.hexByte(try data.u8(offset + i))
        }
    }

    /// A link-layer address of any length, bytes joined by colons.
    mutating func linkAddress(_ data: Bytes, _ offset: Int, length: Int) throws(Truncated) {
        if length == 6 {
            try macAddress(data, offset)
            return
        }
        if length == 0 {
            out.write("<empty>")
            return
        }
        try data.require(offset, length)
        for i in 0..<length {
            if i > 0 { out.write(byte: 0x3a) }
            out.hexByte(try data.u8(offset + i))
        }
    }

    /// A port number, or its service name when names are allowed and known.
    mutating func port(_ value: UInt16, _ transport: TransportProtocol) {
        if namesPorts, let name = resolver.serviceName(port: value, transport: transport) {
            out.write(string: name)
        } else {
            out.decimal(value)
        }
    }
}
