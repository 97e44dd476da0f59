extension PacketPrinter {
    /// UDP: `addr.port > addr.port: UDP, length N`, or the payload of DNS, mDNS and VXLAN.
    mutating func udp(_ data: Bytes, length: Int, addresses: IPAddresses, fragmented: Bool) {
        layers.append(.udp)
        guard let sourcePort = try? data.u16(0), let destinationPort = try? data.u16(2) else {
            ipEndpoints(addresses, trailingSpace: true)
            truncated("udp")
            return
        }
        guard length >= 8 else {
            endpoints(addresses, sourcePort, destinationPort, .udp)
            out.write("truncated-udp ")
            out.decimal(length)
            return
        }
        guard let rawLength = try? data.u16(4) else {
            endpoints(addresses, sourcePort, destinationPort, .udp)
            truncated("udp")
            return
        }
        var udpLength = Int(rawLength)
        if udpLength == 0 && length > 65535 { udpLength = length }
        guard udpLength >= 8 else {
            endpoints(addresses, sourcePort, destinationPort, .udp)
            out.write("truncated-udplength ")
            out.decimal(udpLength)
            return
        }
        udpLength -= 8
        var payloadLength = length - 8
        if udpLength < payloadLength { payloadLength = udpLength }
        guard data.count >= 8 else {
            endpoints(addresses, sourcePort, destinationPort, .udp)
            truncated("udp")
            return
        }
        endpoints(addresses, sourcePort, destinationPort, .udp)
        let payload = data.from(8).prefix(payloadLength)
        if options.verbosity > 0 && !fragmented {
            udpChecksum(data, length: payloadLength + 8, addresses: addresses)
        }
        if !options.quiet {
            func either(_ port: UInt16) -> Bool { sourcePort == port || destinationPort == port }
            if either(53) {
                dns(payload, length: payloadLength, multicast: false)
                return
            }
            if either(5353) {
                dns(payload, length: payloadLength, multicast: true)
                return
            }
            if either(4789) {
                vxlan(payload, length: payloadLength)
                return
            }
            if either(6081) {
                geneve(payload, length: payloadLength)
                return
            }
            if UDPPorts.decoded(sourcePort) || UDPPorts.decoded(destinationPort) {
                layers.append(.other)
                uncovered()
            }
        }
        if udpLength > payloadLength && !fragmented {
            out.write("UDP, bad length ")
            out.decimal(udpLength)
            out.write(" > ")
            out.decimal(payloadLength)
        } else {
            out.write("UDP, length ")
            out.decimal(udpLength)
        }
    }

    /// `[udp sum ok] ` (IPv6 at `-v`; IPv4 only from `-vv`, as tcpdump).
    private mutating func udpChecksum(_ data: Bytes, length: Int, addresses: IPAddresses) {
        guard let stored = try? data.u16(6) else { return }
        if !addresses.isIPv6 {
            guard options.verbosity > 1 else { return }
            if stored == 0 {
                out.write("[no cksum] ")
                return
            }
        }
        guard data.has(0, length) else { return }
        let sum = Checksum.verify(pseudoHeader: Checksum.pseudoHeader(addresses, proto: 17, length: length), data,
                                  length: length)
        if sum == 0 {
            out.write("[udp sum ok] ")
        } else {
            out.write("[bad udp cksum 0x")
            out.hex(stored, width: 4)
            out.write(" -> 0x")
            out.hex(Checksum.shouldBe(stored, sum), width: 4)
            out.write("!] ")
        }
    }

    /// VXLAN: the flags and VNI, then the inner Ethernet frame (on a new line, as tcpdump).
    mutating func vxlan(_ data: Bytes, length: Int) {
        layers.append(.vxlan)
        out.write("VXLAN, ")
        guard let flags = data.byte(0), let vni = try? data.u24(4), data.count >= 8 else {
            truncated("vxlan")
            return
        }
        out.write("flags [")
        out.write(flags & 0x08 != 0 ? "I" : ".")
        out.write("] (0x")
        out.hexByte(flags)
        out.write("), vni ")
        out.decimal(vni)
        out.write("\n")
        let saved = linkHeaderLength
        ethernet(data.from(8), wireLength: length - 8)
        linkHeaderLength = saved
    }
}

/// UDP ports whose payload tcpdump decodes with a printer of its own.
enum UDPPorts {
    static func decoded(_ port: UInt16) -> Bool {
        switch port {
        case 49, 67, 68, 1589, 1700, 4790, 6784, 69, 88, 111, 123, 137, 138, 161, 162, 319, 320, 496, 500, 514, 520, 521, 525, 546, 547,
             646, 654, 698, 701, 750, 921, 1645, 1646, 1698, 1699, 1701, 1812, 1813, 1985, 2049, 2103, 2104, 2123, 2152,
             3386, 3503, 3784, 3785, 3799, 4341, 4342, 4500, 4567, 4784, 5060, 5246, 5247, 5355, 5359, 6081, 6343,
             6633, 6635, 6696, 6697, 7000...7009, 8231, 8472, 12222, 12223, 17754, 30490, 30491, 49152:
            true
        default: false
        }
    }
}
