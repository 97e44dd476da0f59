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
            // A jumbogram: the length comes from a hop-by-hop option, if one is found.
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
        var jumbo: UInt32?
        // What tcpdump checks of the header order: one hop-by-hop header, first.
        var sawHopByHop = false, sawExtension = false
        var previous: UInt8 = 255
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
                if next == 0 && (sawHopByHop || previous != 255) {
                    out.write(sawHopByHop ? "[The Hop-by-Hop Options header was already found] (invalid)"
                                          : "[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)")
                    return
                }
                let headerLength = packet.byte(offset + 1).map { (Int($0) + 1) * 8 } ?? 2
                guard let following = packet.byte(offset), packet.has(offset, headerLength) else {
                    truncated(next == 0 ? "hbhopt" : "dstopt")
                    if next == 0 && packet.has(offset + 1, 1) { missingJumbo(payloadLength, jumbo) }
                    return
                }
                out.write(next == 0 ? "HBH " : "DSTOPT ")
                // tcpdump reads destination options only under -v; hop-by-hop ones always,
                // for the jumbo payload option.
                if next == 0 || options.verbosity > 0 {
                    let header = packet.from(offset).prefix(headerLength)
                    guard ipv6Options(header, hopByHop: next == 0, payloadLength: payloadLength, jumbo: &jumbo) else {
                        truncated(next == 0 ? "hbhopt" : "dstopt")
                        if next == 0 { missingJumbo(payloadLength, jumbo) }
                        return
                    }
                }
                if next == 0 {
                    if missingJumbo(payloadLength, jumbo) { return }
                    sawHopByHop = true
                }
                sawExtension = true
                previous = next
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
                sawExtension = true
                previous = next
                next = following
                offset += 8
                remaining -= 8
                if offset >= packet.count { return }  // tcpdump stops silently at the capture's end.
            case 43:
                guard let advance = routingHeader(packet.from(offset)), let following = packet.byte(offset) else {
                    return
                }
                sawExtension = true
                previous = next
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
                var payload = packet
                if let jumbo {
                    let total = Int(jumbo) + 40
                    if total < offset {
                        truncated("ip6")
                        return
                    }
                    if length < total {
                        out.write("truncated-ip6 - ")
                        out.decimal(total - length)
                        out.write(" bytes missing!")
                    }
                    payload = data.prefix(total)
                    remaining = total - offset
                } else if payloadLength == 0 {
                    if sawExtension {
                        truncated("ip6")
                        return
                    }
                    // tcpdump then cuts the capture at the IPv6 header: ICMPv6 reports its
                    // zero length, and other printers their own truncation, not matched here.
                    if next == 58 {
                        remaining = 0
                    } else {
                        uncovered()
                    }
                }
                let addresses = IPAddresses(data: data, isIPv6: true, headerIsTransport: offset == 40)
                ipPayload(next, payload.from(offset), length: remaining, addresses: addresses, fragmented: fragmented)
                return
            }
        }
    }

    /// tcpdump's complaint after a hop-by-hop header (even a truncated one) of a packet whose
    /// payload length is zero when no valid jumbo payload option was found; true if printed.
    @discardableResult
    private mutating func missingJumbo(_ payloadLength: UInt16, _ jumbo: UInt32?) -> Bool {
        guard payloadLength == 0 && jumbo == nil else { return false }
        out.write("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)")
        return true
    }
}
