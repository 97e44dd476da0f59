extension PacketPrinter {
    /// TCP: `addr.port > addr.port: Flags [S.], seq …, ack …, win …, options […], length N`,
    /// then the payload of the few ports printed here.
    mutating func tcp(_ data: Bytes, length: Int, addresses: IPAddresses, fragmented: Bool) {
        layers.append(.tcp)
        guard let sourcePort = try? data.u16(0), let destinationPort = try? data.u16(2) else {
            ipEndpoints(addresses, trailingSpace: false)
            truncated("tcp")
            return
        }
        endpoints(addresses, sourcePort, destinationPort, .tcp)
        guard data.count >= 20, let sequence = try? data.u32(4), let acknowledgment = try? data.u32(8),
              let offsetByte = try? data.u8(12), let flags = try? data.u8(13), let window = try? data.u16(14),
              let urgent = try? data.u16(18) else {
            truncated("tcp")
            return
        }
        let headerLength = Int(offsetByte >> 4) * 4
        guard headerLength >= 20 else {
            uncovered()
            out.write("tcp ")
            out.decimal(length - headerLength)
            out.write(" [bad hdr length ")
            out.decimal(headerLength)
            out.write(" - too short, < 20]")
            return
        }
        if options.quiet {
            out.write("tcp ")
            out.signed(length - headerLength)
            if headerLength > length { badHeaderLength(headerLength, length) }
            return
        }
        out.write("Flags [")
        tcpFlags(flags)
        out.write("]")
        var seq = sequence, ack = acknowledgment
        var reference = TCPConnections.Entry(sequence: 0, acknowledgment: 0)
        var reversed = false
        if flags & 0x10 != 0 {
            let (source, destination) = addressBytes(addresses)
            let relative = connections.relative(source: source, destination: destination, sourcePort: sourcePort,
                                                destinationPort: destinationPort, sequence: sequence,
                                                acknowledgment: acknowledgment, isSYN: flags & 0x02 != 0)
            seq = relative.sequence
            ack = relative.acknowledgment
            reference = relative.entry
            reversed = relative.reversed
        }
        guard headerLength <= length else {
            badHeaderLength(headerLength, length)
            return
        }
        if options.verbosity > 0 && !fragmented && data.has(0, length) {
            let stored = (try? data.u16(16)) ?? 0
            let sum = Checksum.verify(pseudoHeader: Checksum.pseudoHeader(addresses, proto: 6, length: length), data,
                                      length: length)
            out.write(", cksum 0x")
            out.hex(stored, width: 4)
            if sum == 0 {
                out.write(" (correct)")
            } else {
                out.write(" (incorrect -> 0x")
                out.hex(Checksum.shouldBe(stored, sum), width: 4)
                out.write(")")
            }
        }
        let payloadLength = length - headerLength
        if payloadLength > 0 || flags & 0x07 != 0 {
            out.write(", seq ")
            out.decimal(seq)
            if payloadLength > 0 {
                out.write(":")
                out.decimal(seq &+ UInt32(truncatingIfNeeded: payloadLength))
            }
        }
        if flags & 0x10 != 0 {
            out.write(", ack ")
            out.decimal(ack)
        }
        out.write(", win ")
        out.decimal(window)
        if flags & 0x20 != 0 {
            out.write(", urg ")
            out.decimal(urgent)
        }
        if headerLength > 20 {
            out.write(", options [")
            guard tcpOptions(data.from(20), length: headerLength - 20, reference: reference, reversed: reversed) else {
                return
            }
            out.write("]")
        }
        out.write(", length ")
        out.decimal(payloadLength)
        guard payloadLength > 0 else { return }
        tcpPayload(data.from(headerLength), length: payloadLength, flags: flags, ports: (sourcePort, destinationPort))
    }

    private mutating func tcpFlags(_ flags: UInt8) {
        if flags == 0 {
            out.write("none")
            return
        }
        if flags & 0x01 != 0 { out.write("F") }
        if flags & 0x02 != 0 { out.write("S") }
        if flags & 0x04 != 0 { out.write("R") }
        if flags & 0x08 != 0 { out.write("P") }
        if flags & 0x10 != 0 { out.write(".") }
        if flags & 0x20 != 0 { out.write("U") }
        if flags & 0x40 != 0 { out.write("E") }
        if flags & 0x80 != 0 { out.write("W") }
    }

    /// The options list; false when it ended in a mark (`[bad opt]`, `[|tcp]`) that
    /// closes the line.
    private mutating func tcpOptions(_ data: Bytes, length: Int, reference: TCPConnections.Entry,
                                     reversed: Bool) -> Bool {
        var remaining = length
        var offset = 0
        var first = true
        while remaining > 0 {
            if !first { out.write(",") }
            first = false
            guard let kind = data.byte(offset) else {
                truncated("tcp")
                return false
            }
            offset += 1
            var optionLength = 1
            if kind > 1 {
                guard let value = data.byte(offset) else {
                    truncated("tcp")
                    return false
                }
                optionLength = Int(value)
                offset += 1
                guard optionLength >= 2, optionLength <= remaining else {
                    out.write("[bad opt]")
                    return false
                }
                remaining -= 1
            }
            remaining -= 1
            var dataLength = 0
            switch kind {
            case 0: out.write("eol")
            case 1: out.write("nop")
            case 2, 3, 6, 7, 8, 28:
                let (name, size) = Self.fixedSizeOption(kind)
                out.write(name)
                dataLength = size
                guard dataLength <= remaining else {
                    out.write("[bad opt]")
                    return false
                }
                guard data.has(offset, dataLength) else {
                    truncated("tcp")
                    return false
                }
                switch kind {
                case 2:
                    out.write(" ")
                    out.decimal((try? data.u16(offset)) ?? 0)
                case 3:
                    out.write(" ")
                    out.decimal(data.byte(offset) ?? 0)
                case 8:
                    out.write(" val ")
                    out.decimal((try? data.u32(offset)) ?? 0)
                    out.write(" ecr ")
                    out.decimal((try? data.u32(offset + 4)) ?? 0)
                case 28:
                    var value = (try? data.u16(offset)) ?? 0
                    out.write(" 0x")
                    out.hex(value)
                    value = value & 1 != 0 ? (value >> 1) &* 60 : value >> 1
                    out.write(" ")
                    out.decimal(value)
                default:
                    out.write(" ")
                    out.decimal((try? data.u32(offset)) ?? 0)
                }
            case 4: out.write("sackOK")
            case 5:
                out.write("sack")
                dataLength = optionLength - 2
                if dataLength % 8 != 0 {
                    out.write(" invalid sack")
                } else {
                    out.write(" ")
                    out.decimal(dataLength / 8)
                    out.write(" ")
                    var i = 0
                    while i < dataLength {
                        guard i + 8 <= remaining else {
                            out.write("[bad opt]")
                            return false
                        }
                        guard let start = try? data.u32(offset + i), let end = try? data.u32(offset + i + 4) else {
                            truncated("tcp")
                            return false
                        }
                        let base = reversed ? reference.sequence : reference.acknowledgment
                        out.write("{")
                        out.decimal(start &- base)
                        out.write(":")
                        out.decimal(end &- base)
                        out.write("}")
                        i += 8
                    }
                }
            case 19:
                out.write("md5")
                dataLength = 16
                guard dataLength <= remaining else {
                    out.write("[bad opt]")
                    return false
                }
                guard data.has(offset, dataLength) else {
                    truncated("tcp")
                    return false
                }
                out.write(" shared secret not supplied with -M, can't check - ")
                for i in 0..<16 { out.hexByte(data.byte(offset + i) ?? 0) }
            default:
                // Kinds tcpdump decodes itself (cc, scps, tcp-ao, mptcp, tfo, experiments).
                if [11, 12, 13, 20, 21, 27, 29, 30, 34, 253, 254].contains(kind) { uncovered() }
                out.write("unknown-")
                out.decimal(kind)
                dataLength = optionLength - 2
                if dataLength > 0 { out.write(" 0x") }
                for i in 0..<max(0, dataLength) {
                    guard i + 1 <= remaining else {
                        out.write("[bad opt]")
                        return false
                    }
                    guard let byte = data.byte(offset + i) else {
                        truncated("tcp")
                        return false
                    }
                    out.hexByte(byte)
                }
            }
            offset += dataLength
            remaining -= dataLength
            let expected = dataLength + (kind > 1 ? 2 : 1)
            if expected != optionLength {
                out.write("[len ")
                out.decimal(optionLength)
                out.write("]")
            }
            if kind == 0 { break }
        }
        return true
    }

    /// The name and data size of the options with fixed-size values.
    private static func fixedSizeOption(_ kind: UInt8) -> (StaticString, Int) {
        switch kind {
        case 2: ("mss", 2)
        case 3: ("wscale", 1)
        case 6: ("echo", 4)
        case 7: ("echoreply", 4)
        case 8: ("TS", 8)
        default: ("uto", 2)
        }
    }

    /// How much of a reset's payload `-v` shows (tcpdump's `MAX_RST_DATA_LEN`).
    private static let resetTextLimit = 30

    /// The payload of ports tcpdump decodes: DNS and HTTP here; others it decodes make the
    /// line uncovered.
    private mutating func tcpPayload(_ payload: Bytes, length: Int, flags: UInt8, ports: (UInt16, UInt16)) {
        if flags & 0x04 != 0 && options.verbosity > 0 {
            // -v prints a reset's payload, the reason text some stacks put there, instead.
            out.write(payload.has(0, length) ? " [RST" : " [!RST")  // `!`: not all captured.
            let shown = min(length, Self.resetTextLimit)
            if length > shown { out.write("+") }
            out.write(" ")
            try? escapedCharacters(payload, 0, min(shown, payload.count))
            out.write("]")
            return
        }
        func either(_ port: UInt16) -> Bool { ports.0 == port || ports.1 == port }
        if either(80) || either(8080) {
            http(payload, length: length)
        } else if either(53) || either(5353) {
            out.write(" ")
            guard length >= 2 else {
                uncovered()
                return
            }
            dns(payload.from(2), length: length - 2, multicast: false)
        } else if TCPPorts.decoded(ports.0) || TCPPorts.decoded(ports.1) {
            uncovered()
            layers.append(.other)
        }
    }

    /// `addr.port > addr.port: ` (or only ports after IPv6 extension headers).
    mutating func endpoints(_ addresses: IPAddresses, _ sourcePort: UInt16, _ destinationPort: UInt16,
                            _ transport: TransportProtocol) {
        if addresses.headerIsTransport {
            ipAddress(addresses, source: true)
            out.write(".")
            port(sourcePort, transport)
            out.write(" > ")
            ipAddress(addresses, source: false)
            out.write(".")
            port(destinationPort, transport)
        } else {
            port(sourcePort, transport)
            out.write(" > ")
            port(destinationPort, transport)
        }
        out.write(": ")
    }

    /// `addr > addr:` for a transport header too short to hold its ports.
    mutating func ipEndpoints(_ addresses: IPAddresses, trailingSpace: Bool) {
        guard addresses.headerIsTransport else { return }
        ipAddress(addresses, source: true)
        out.write(" > ")
        ipAddress(addresses, source: false)
        out.write(trailingSpace ? ": " : ":")
    }

    private mutating func ipAddress(_ addresses: IPAddresses, source: Bool) {
        if addresses.isIPv6 {
            try? ipv6Address(addresses.data, source ? 8 : 24)
        } else {
            try? ipv4Address(addresses.data, source ? 12 : 16)
        }
    }

    private func addressBytes(_ addresses: IPAddresses) -> (TCPConnections.Address, TCPConnections.Address) {
        let data = addresses.data
        func word(_ offset: Int) -> UInt64 { UInt64((try? data.u32(offset)) ?? 0) }
        if addresses.isIPv6 {
            return (TCPConnections.Address(upper: word(8) << 32 | word(12), lower: word(16) << 32 | word(20)),
                    TCPConnections.Address(upper: word(24) << 32 | word(28), lower: word(32) << 32 | word(36)))
        }
        return (TCPConnections.Address(upper: word(12), lower: 0), TCPConnections.Address(upper: word(16), lower: 0))
    }

    /// tcpdump's mark for a data offset beyond the segment.
    private mutating func badHeaderLength(_ headerLength: Int, _ length: Int) {
        out.write(" [bad hdr length ")
        out.decimal(headerLength)
        out.write(" - too long, > ")
        out.decimal(length)
        out.write("]")
    }
}

/// TCP ports whose payload tcpdump decodes with a printer of its own.
enum TCPPorts {
    static func decoded(_ port: UInt16) -> Bool {
        switch port {
        case 21, 22, 23, 25, 43, 110, 139, 143, 179, 323, 445, 554, 639, 646, 1723, 2049, 5060, 6379, 6633, 6653, 8554,
             10288, 3128, 9000:
            true
        default: false
        }
    }
}
