extension PacketPrinter {
    /// An MPLS label stack, then IPv4 or IPv6 as tcpdump guesses it (explicit-null labels
    /// say which; otherwise the first nibble).
    mutating func mpls(_ data: Bytes, length: Int) {
        layers.append(.mpls)
        out.write("MPLS")
        var offset = 0
        var entry: UInt32 = 0
        repeat {
            guard let value = try? data.u32(offset) else {
                truncated("mpls")
                return
            }
            entry = value
            out.write(" (label ")
            out.decimal(entry >> 12)
            out.write(", tc ")
            out.decimal(entry >> 9 & 7)
            if entry & 0x100 != 0 { out.write(", [S]") }
            out.write(", ttl ")
            out.decimal(entry & 0xff)
            out.write(")")
            offset += 4
        } while entry & 0x100 == 0
        let payload = data.from(offset)
        let label = entry >> 12
        let first = payload.byte(0) ?? 0
        if label == 0 || (label != 2 && first >= 0x45 && first <= 0x4f) {
            out.write(options.verbosity > 0 ? "\n\t" : " ")
            ipv4(payload, length: length - offset)
        } else if label == 2 || (first >= 0x60 && first <= 0x6f) {
            out.write(options.verbosity > 0 ? "\n\t" : " ")
            ipv6(payload, length: length - offset)
        } else {
            layers.append(.other)
            uncovered()
        }
    }
}
