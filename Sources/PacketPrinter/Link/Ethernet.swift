extension PacketPrinter {
    /// Ethernet II (and 802.1Q/QinQ tags): `-e` prints the MACs, the type and the length;
    /// otherwise the line starts with the payload's protocol.
    mutating func ethernet(_ frame: Bytes, wireLength: Int) {
        guard enterNested() else { return }
        defer { nesting -= 1 }
        layers.append(.ethernet)
        guard frame.count >= 14 else {
            truncatedLink("ether", frame)
            return
        }
        var type = (try? frame.u16(12)) ?? 0
        var offset = 14
        var length = wireLength - 14
        if options.linkHeader {
            ethernetAddresses(frame)
            out.write(", ")
            if type <= 1500 {
                out.write("802.3")
            } else {
                ethertypeName(type)
            }
            out.write(", length ")
            out.decimal(wireLength)
            out.write(": ")
        }
        while type == 0x8100 || type == 0x88a8 || type == 0x9100 || type == 0x9200 {
            if !layers.contains(.vlan) { layers.append(.vlan) }
            guard let tag = try? frame.u16(offset), let inner = try? frame.u16(offset + 2) else {
                linkHeaderLength = min(frame.count, offset)
                truncated("vlan")
                return
            }
            if options.linkHeader {
                vlanTag(tag)
                if inner > 1500 {
                    ethertypeName(inner)
                    out.write(", ")
                }
            }
            type = inner
            offset += 4
            length -= 4
        }
        linkHeaderLength = offset
        let payload = frame.from(offset)
        if type <= 1500 {
            // 802.3 with LLC (STP, CDP, IPX…): printed only generically.
            uncovered()
            layers.append(.other)
            if !options.linkHeader {
                ethernetAddresses(frame)
                out.write(", 802.3, length ")
                out.decimal(wireLength)
                out.write(": ")
            }
            defaultPrint(payload.prefix(Int(type)))
            return
        }
        if !ethertype(type, payload, length: length) {
            if !options.linkHeader {
                ethernetAddresses(frame)
                out.write(", ")
                ethertypeName(type)
                out.write(", length ")
                out.decimal(wireLength)
                out.write(": ")
            }
            defaultPrint(payload)
        }
    }

    private mutating func ethernetAddresses(_ frame: Bytes) {
        try? macAddress(frame, 6)
        out.write(" > ")
        try? macAddress(frame, 0)
    }

    /// `ethertype IPv4 (0x0800)`.
    /// `-e`'s text for one 802.1Q tag: `vlan ID, p PRIORITY[, DEI], `.
    mutating func vlanTag(_ tag: UInt16) {
        out.write("vlan ")
        out.decimal(tag & 0x0fff)
        out.write(", p ")
        out.decimal(tag >> 13)
        if tag & 0x1000 != 0 { out.write(", DEI") }
        out.write(", ")
    }

    mutating func ethertypeName(_ type: UInt16) {
        if options.quiet {
            if let name = EtherType.name(type) {
                out.write(string: name)
            } else {
                out.write("Unknown Ethertype (0x")
                out.hex(type, width: 4)
                out.write(")")
            }
            return
        }
        out.write("ethertype ")
        out.write(string: EtherType.name(type) ?? "Unknown")
        out.write(" (0x")
        out.hex(type, width: 4)
        out.write(")")
    }

    /// A link header shorter than its fixed size: tcpdump prints only the mark.
    mutating func truncatedLink(_ name: StaticString, _ frame: Bytes) {
        linkHeaderLength = frame.count
        out.write(" [|")
        out.write(name)
        out.write("]")
    }

    /// Prints the payload of an ethertype; false when the type has no printer here, so the
    /// caller prints the generic form.
    mutating func ethertype(_ type: UInt16, _ payload: Bytes, length: Int) -> Bool {
        switch type {
        case 0x0800: ipv4(payload, length: length)
        case 0x86dd: ipv6(payload, length: length)
        case 0x0806, 0x8035: arp(payload, length: length)
        case 0x8847, 0x8848: mpls(payload, length: length)
        case 0x8863, 0x8864: pppoe(payload, length: length, session: type == 0x8864)
        default:
            layers.append(.other)
            uncovered()
            return false
        }
        return true
    }
}

/// Names of ethertypes as tcpdump prints them.
enum EtherType {
    static func name(_ type: UInt16) -> String? {
        switch type {
        case 0x0800: "IPv4"
        case 0x0806: "ARP"
        case 0x8035: "Reverse ARP"
        case 0x86dd: "IPv6"
        case 0x8100: "802.1Q"
        case 0x88a8: "802.1Q-QinQ"
        case 0x9100: "802.1Q-9100"
        case 0x9200: "802.1Q-9200"
        case 0x8847: "MPLS unicast"
        case 0x8848: "MPLS multicast"
        case 0x8863: "PPPoE D"
        case 0x8864: "PPPoE S"
        case 0x88cc: "LLDP"
        case 0x9000: "Loopback"
        case 0x888e: "EAPOL"
        case 0x88f7: "PTP"
        case 0x8809: "Slow Protocols"
        case 0x809b: "Appletalk"
        case 0x80f3: "Appletalk ARP"
        case 0x8137: "IPX"
        case 0x6558: "TEB"
        case 0x88a2: "AoE"
        case 0x8906: "FCoE"
        case 0x8914: "FIP"
        default: nil
        }
    }
}
