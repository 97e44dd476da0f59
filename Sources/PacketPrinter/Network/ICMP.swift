extension PacketPrinter {
    /// ICMP: echo id/seq, unreachable codes with the quoted packet's destination, time
    /// exceeded, redirects; other types by name or `type-#N`.
    mutating func icmp(_ data: Bytes, length: Int) {
        layers.append(.icmp)
        guard let type = data.byte(0), let code = data.byte(1) else {
            truncated("icmp")
            return
        }
        out.write("ICMP ")
        let start = out.bytes.count
        do throws(Truncated) {
            switch type {
            case 0, 8:
                out.write(type == 0 ? "echo reply" : "echo request")
                out.write(", id ")
                out.decimal(try data.u16(4))
                out.write(", seq ")
                out.decimal(try data.u16(6))
            case 3: try unreachable(data, code: code)
            case 11:
                _ = try data.u32(24)  // tcpdump prints nothing until the quoted IP header is there.
                switch code {
                case 0: out.write("time exceeded in-transit")
                case 1: out.write("ip reassembly time exceeded")
                default:
                    out.write("time exceeded-#")
                    out.decimal(code)
                }
            case 5:
                let kinds: [StaticString] = ["redirect ", "redirect ", "redirect-tos ", "redirect-tos "]
                if code < 4 {
                    out.write(kinds[Int(code)])
                } else {
                    out.write("redirect-#")
                    out.decimal(code)
                    out.write(" ")
                }
                try ipv4Address(data, 24)
                out.write(code < 4 ? (code % 2 == 0 ? " to net " : " to host ") : " to ")
                try ipv4Address(data, 4)
            case 4: out.write("source quench")
            case 10: out.write("router solicitation")
            case 12:
                if code == 0 {
                    out.write("parameter problem - octet ")
                    out.decimal(try data.u8(4))
                } else {
                    out.write("parameter problem - code ")
                    out.decimal(code)
                }
            case 9, 13, 14, 15, 16, 17, 18:
                uncovered()
                out.write("type-#")
                out.decimal(type)
            default:
                out.write("type-#")
                out.decimal(type)
            }
        } catch {
            // tcpdump prints the ICMP text only once it is complete.
            out.bytes.removeSubrange((start - 5)...)
            truncated("icmp")
            return
        }
        out.write(", length ")
        out.decimal(length)
        // -v checks the checksum and quotes the packet of error messages.
        if options.verbosity > 0 {
            if length < 8 { uncovered() }
            // RFC 4884 extension objects (MPLS labels of a traceroute hop) are not decoded.
            if [3, 11, 12].contains(type) && length > Self.shortestExtendedICMP { uncovered() }
            if data.has(0, length) {
                let sum = Checksum.verify(pseudoHeader: [], data, length: length)
                if sum != 0 {
                    let stored = (try? data.u16(2)) ?? 0
                    out.write(" (wrong icmp cksum ")
                    out.hex(stored)
                    out.write(" (->")
                    out.hex(Checksum.shouldBe(stored, sum))
                    out.write(")!)")
                }
            }
            if Self.quotingTypes.contains(type) { quotedPacket(data.from(8)) }
        }
    }

    /// Types whose body quotes the IP packet that caused them (tcpdump's `ICMP_ERRTYPE`).
    private static let quotingTypes: [UInt8] = [3, 4, 5, 11, 12]
    /// Beyond this ICMP length an error may carry RFC 4884 extensions (`ICMP_EXTD_MINLEN`).
    private static let shortestExtendedICMP = 136

    /// `-v`: the quoted packet on its own line, printed as an IP packet cut at its own total
    /// length, as tcpdump prints it.
    private mutating func quotedPacket(_ quoted: Bytes) {
        out.write("\n\t")
        guard let quotedLength = try? quoted.u16(2) else {
            truncated("icmp")
            return
        }
        ipv4(quoted.prefix(Int(quotedLength)), length: Int(quotedLength))
    }

    private mutating func unreachable(_ data: Bytes, code: UInt8) throws(Truncated) {
        let inner = data.from(8)
        let innerHeader = Int((try inner.u8(0)) & 0x0f) * 4
        switch code {
        case 2:
            try ipv4Address(inner, 16)
            out.write(" protocol ")
            out.decimal(try inner.u8(9))
            out.write(" unreachable")
        case 3:
            let proto = try inner.u8(9)
            let port = try inner.u16(innerHeader + 2)
            try ipv4Address(inner, 16)
            switch proto {
            case 6:
                out.write(" tcp port ")
                self.port(port, .tcp)
            case 17:
                out.write(" udp port ")
                self.port(port, .udp)
            default:
                out.write(" protocol ")
                out.decimal(proto)
                out.write(" port ")
                out.decimal(port)
            }
            out.write(" unreachable")
        case 4:
            try ipv4Address(inner, 16)
            let mtu = try data.u16(6)
            out.write(" unreachable - need to frag")
            if mtu != 0 {
                out.write(" (mtu ")
                out.decimal(mtu)
                out.write(")")
            }
        default:
            let texts: [(StaticString, StaticString)] = [
                ("net ", " unreachable"), ("host ", " unreachable"), ("", ""), ("", ""), ("", ""),
                ("", " unreachable - source route failed"), ("net ", " unreachable - unknown"),
                ("host ", " unreachable - unknown"), ("", " unreachable - source host isolated"),
                ("net ", " unreachable - admin prohibited"), ("host ", " unreachable - admin prohibited"),
                ("net ", " unreachable - tos prohibited"), ("host ", " unreachable - tos prohibited"),
                ("host ", " unreachable - admin prohibited filter"),
                ("host ", " unreachable - host precedence violation"), ("host ", " unreachable - precedence cutoff"),
            ]
            if Int(code) < texts.count {
                out.write(texts[Int(code)].0)
                try ipv4Address(inner, 16)
                out.write(texts[Int(code)].1)
            } else {
                out.write("#")
                out.decimal(code)
                out.write(" ")
                try ipv4Address(inner, 16)
                out.write(" unreachable")
            }
        }
    }
}
