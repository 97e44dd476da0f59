extension PacketPrinter {
    /// IPv6 and its hop-by-hop, destination-options and fragment headers.
    mutating func ipv6(_ data: Bytes, length: Int) {
        guard enterNested() else { return }
        defer { nesting -= 1 }
        layers.append(.ipv6)
        guard data.count >= 40, let first = data.byte(0), let payloadLength = try? data.u16(4),
              let firstNext = try? data.u8(6) else {
            truncated("ip6")
            return
        }
        if !options.linkHeader { out.write("IP6 ") }
        guard first >> 4 == 6 else {
            uncovered()
            out.write("version error: ")
            out.decimal(first >> 4)
            out.write(" != 6")
            return
        }
        var remaining: Int
        if payloadLength != 0 {
            remaining = Int(payloadLength) + 40
            if length < remaining {
                out.write("truncated-ip6 - ")
                out.decimal(remaining - length)
                out.write(" bytes missing!")
            }
        } else {
            uncovered()  // Jumbograms.
            remaining = length
        }
        if options.verbosity > 0 {
            out.write("(")
            let flow = ((try? data.u32(0)) ?? 0) & 0x000f_ffff
            let traffic = UInt8(truncatingIfNeeded: ((try? data.u32(0)) ?? 0) >> 20)
            if traffic != 0 {
                out.write("class 0x")
                out.hex(traffic, width: 2)
                out.write(", ")
            }
            if flow != 0 {
                out.write("flowlabel 0x")
                out.hex(flow, width: 5)
                out.write(", ")
            }
            out.write("hlim ")
            out.decimal(data.byte(7) ?? 0)
            out.write(", next-header ")
            out.write(string: IPProtocol.name(firstNext) ?? "unknown")
            out.write(" (")
            out.decimal(firstNext)
            out.write(") payload length: ")
            out.decimal(payloadLength)
            out.write(") ")
        }
        let packet = data.prefix(remaining)
        var offset = 40
        var next = firstNext
        var fragmented = false
        remaining -= 40
        if next != 6 && next != 17 && next != 132 && next != 33 {
            try? ipv6Address(data, 8)
            out.write(" > ")
            try? ipv6Address(data, 24)
            out.write(": ")
        }
        while true {
            switch next {
            case 0, 60:
                let headerLength = packet.byte(offset + 1).map { (Int($0) + 1) * 8 } ?? 2
                guard let following = packet.byte(offset), packet.has(offset, headerLength) else {
                    truncated(next == 0 ? "hbhopt" : "dstopt")
                    return
                }
                out.write(next == 0 ? "HBH " : "DSTOPT ")
                // tcpdump reads destination options only under -v; hop-by-hop ones always,
                // for the jumbo payload option.
                if next == 0 || options.verbosity > 0 {
                    let header = packet.from(offset).prefix(headerLength)
                    guard ipv6Options(header, hopByHop: next == 0, payloadLength: payloadLength) else {
                        truncated(next == 0 ? "hbhopt" : "dstopt")
                        return
                    }
                }
                next = following
                offset += headerLength
                remaining -= headerLength
            case 44:
                guard let following = packet.byte(offset), let fragment = try? packet.u16(offset + 2) else {
                    truncated("frag6")
                    return
                }
                if options.verbosity > 0 && !packet.has(offset + 4, 4) {
                    truncated("frag6")
                    return
                }
                out.write("frag (")
                if options.verbosity > 0, let id = try? packet.u32(offset + 4) {
                    out.write("0x")
                    out.hex(id, width: 8)
                    out.write(":")
                }
                out.decimal(fragment & 0xfff8)
                out.write("|")
                out.decimal(Int(payloadLength) - offset + 40 - 8)
                out.write(")")
                if fragment & 0xfff8 != 0 { return }
                out.write(" ")
                fragmented = true
                next = following
                offset += 8
                remaining -= 8
                if offset >= packet.count { return }  // tcpdump stops silently at the capture's end.
            case 43:
                guard let advance = routingHeader(packet.from(offset)), let following = packet.byte(offset) else {
                    return
                }
                next = following
                offset += advance
                remaining -= advance
            case 135, 62, 51, 50, 108:
                if next == 50 {
                    esp(packet.from(offset), length: remaining)
                    return
                }
                layers.append(.other)
                uncovered()
                out.write("ip-proto-")
                out.decimal(next)
                out.write(" ")
                out.decimal(remaining)
                return
            default:
                let addresses = IPAddresses(data: data, isIPv6: true, headerIsTransport: offset == 40)
                ipPayload(next, packet.from(offset), length: remaining, addresses: addresses, fragmented: fragmented)
                return
            }
        }
    }
}
