extension PacketPrinter {
    /// IPv4: `IP src > dst: ` and the payload (TCP and UDP print the addresses with their
    /// ports); `-v` adds the header fields in parentheses.
    mutating func ipv4(_ data: Bytes, length: Int) {
        guard enterNested() else { return }
        defer { nesting -= 1 }
        layers.append(.ipv4)
        // tcpdump names the protocol once it has its first byte.
        if !options.linkHeader && data.count > 0 { out.write("IP ") }
        guard data.count >= 20, let first = data.byte(0), let totalLength = try? data.u16(2),
              let fragment = try? data.u16(6), let ttl = try? data.u8(8), let proto = try? data.u8(9) else {
            truncated("ip")
            return
        }
        guard first >> 4 == 4 else {
            uncovered()
            if first >> 4 == 6 {
                out.write("IP6, wrong link-layer encapsulation")
            } else {
                out.write("IP")
                out.decimal(first >> 4)
            }
            return
        }
        let headerLength = Int(first & 0x0f) * 4
        guard headerLength >= 20 else {
            out.write("bad-hlen ")
            out.decimal(headerLength)
            return
        }
        var total = Int(totalLength)
        if length < total {
            out.write("truncated-ip - ")
            out.decimal(total - length)
            out.write(" bytes missing! ")
        }
        guard total >= headerLength else {
            out.write("bad-len ")
            out.decimal(total)
            return
        }
        if options.verbosity > 0 {
            ipv4Details(data, headerLength: headerLength, total: total, ttl: ttl, proto: proto, fragment: fragment)
        }
        let payload = data.prefix(total).from(headerLength)
        total -= headerLength
        if fragment & 0x1fff == 0 {
            guard data.count >= headerLength else {
                out.write(" [remaining caplen(")
                out.decimal(data.count)
                out.write(") < header length(")
                out.decimal(headerLength)
                out.write(")]")
                truncated("ip")
                return
            }
            if proto != 6 && proto != 17 && proto != 132 {
                try? ipv4Address(data, 12)
                out.write(" > ")
                try? ipv4Address(data, 16)
                out.write(": ")
            }
            let address = IPAddresses(data: data, isIPv6: false, headerIsTransport: true)
            ipPayload(proto, payload, length: total, addresses: address, fragmented: fragment & 0x2000 != 0)
        } else {
            try? ipv4Address(data, 12)
            out.write(" > ")
            try? ipv4Address(data, 16)
            out.write(":")
            protocolNumber(proto)
        }
    }

    private mutating func ipv4Details(_ data: Bytes, headerLength: Int, total: Int, ttl: UInt8, proto: UInt8,
                                      fragment: UInt16) {
        let tos = data.byte(1) ?? 0
        out.write("(tos 0x")
        out.hex(tos)
        switch tos & 3 {
        case 1: out.write(",ECT(1)")
        case 2: out.write(",ECT(0)")
        case 3: out.write(",CE")
        default: break
        }
        if ttl >= 1 {
            out.write(", ttl ")
            out.decimal(ttl)
        }
        out.write(", id ")
        out.decimal((try? data.u16(4)) ?? 0)
        out.write(", offset ")
        out.decimal(Int(fragment & 0x1fff) * 8)
        out.write(", flags [")
        if fragment & 0xe000 == 0 { out.write("none") }
        var separator: StaticString = ""
        for (bit, name) in [(UInt16(0x2000), StaticString("+")), (0x4000, "DF"), (0x8000, "rsvd")]
        where fragment & bit != 0 {
            out.write(separator)
            out.write(name)
            separator = ", "
        }
        out.write("], proto ")
        out.write(string: IPProtocol.name(proto) ?? "unknown")
        out.write(" (")
        out.decimal(proto)
        out.write("), length ")
        out.decimal(total)
        if headerLength > 20 {
            out.write(", options (")
            ipv4Options(data.from(20), length: headerLength - 20)
            out.write(")")
        }
        if data.has(0, headerLength) {
            let sum = Checksum.verify(pseudoHeader: [], data, length: headerLength)
            if sum != 0 {
                let stored = (try? data.u16(10)) ?? 0
                out.write(", bad cksum ")
                out.hex(stored)
                out.write(" (->")
                out.hex(Checksum.shouldBe(stored, sum))
                out.write(")!")
            }
        }
        out.write(")\n    ")
    }
}

extension PacketPrinter {
    /// `-v`: the options as tcpdump's `ip_optprint` lists them, comma-separated; record-route
    /// style options with their addresses. Timestamps and security labels are not decoded.
    private mutating func ipv4Options(_ options: Bytes, length: Int) {
        var offset = 0
        var separator: StaticString = ""
        while offset < length {
            out.write(separator)
            separator = ","
            guard let code = options.byte(offset) else { return uncovered() }
            if let name = IPv4Option.name(code) {
                out.write(name)
            } else {
                out.write("unknown ")
                out.decimal(code)
            }
            var optionLength = 1
            if code != IPv4Option.endOfList && code != IPv4Option.noOperation {
                guard let declared = options.byte(offset + 1) else { return uncovered() }
                optionLength = Int(declared)
                guard optionLength >= 2 else { return badOptionLength(optionLength) }
            }
            guard optionLength <= length - offset else { return badOptionLength(optionLength) }
            guard options.has(offset, optionLength) else { return uncovered() }
            let option = options.from(offset)
            switch code {
            case IPv4Option.endOfList:
                return
            case IPv4Option.recordRoute, IPv4Option.looseSourceRoute, IPv4Option.strictSourceRoute:
                route(option, length: optionLength)
            case IPv4Option.routerAlert:
                if optionLength < 4 {
                    badOptionLength(optionLength)
                } else if let value = try? option.u16(2), value != 0 {
                    out.write(" value ")
                    out.decimal(value)
                }
            case IPv4Option.timestamp, IPv4Option.security:
                uncovered()
            default:
                break
            }
            offset += optionLength
        }
    }

    private mutating func badOptionLength(_ length: Int) {
        out.write(" [bad length ")
        out.decimal(length)
        out.write("]")
    }

    /// The addresses of a route option; a comma marks those already passed (`ip_printroute`).
    private mutating func route(_ option: Bytes, length: Int) {
        guard length >= 3 else { return badOptionLength(length) }
        if (length + 1) & 3 != 0 { badOptionLength(length) }
        let pointer = Int(option.byte(2) ?? 0) - 1
        if pointer < 3 || (pointer + 1) & 3 != 0 || pointer > length + 1 {
            out.write(" [bad ptr ")
            out.decimal(option.byte(2) ?? 0)
            out.write("]")
        }
        var position = 3
        while position < length {
            out.write(" ")
            // tcpdump reads whole addresses even past the option's end; past the capture it
            // gives up with a mark we do not reproduce.
            guard (try? ipv4Address(option, position)) != nil else { return uncovered() }
            if pointer > position { out.write(",") }
            position += 4
        }
    }
}

/// IPv4 option codes and tcpdump's names for them.
enum IPv4Option {
    static let endOfList: UInt8 = 0
    static let noOperation: UInt8 = 1
    static let recordRoute: UInt8 = 7
    static let timestamp: UInt8 = 68
    static let traceroute: UInt8 = 82
    static let security: UInt8 = 130
    static let looseSourceRoute: UInt8 = 131
    static let strictSourceRoute: UInt8 = 137
    static let routerAlert: UInt8 = 148

    static func name(_ code: UInt8) -> StaticString? {
        switch code {
        case endOfList: "EOL"
        case noOperation: "NOP"
        case recordRoute: "RR"
        case timestamp: "TS"
        case traceroute: "traceroute"
        case security: "SECURITY"
        case looseSourceRoute: "LSRR"
        case strictSourceRoute: "SSRR"
        case routerAlert: "RA"
        default: nil
        }
    }
}

/// Where the IP addresses of the packet around a transport header are, so TCP and UDP can
/// print `addr.port`.
struct IPAddresses {
    var data: Bytes
    var isIPv6: Bool
    /// Whether the transport header directly follows the IP header (IPv6 prints only ports
    /// after extension headers).
    var headerIsTransport: Bool
}

/// IP protocol numbers as tcpdump names them in `-v` output.
enum IPProtocol {
    static func name(_ proto: UInt8) -> String? {
        switch proto {
        case 0: "Options"
        case 1: "ICMP"
        case 2: "IGMP"
        case 4: "IPIP"
        case 6: "TCP"
        case 8: "EGP"
        case 9: "IGRP"
        case 17: "UDP"
        case 33: "DCCP"
        case 41: "IPv6"
        case 43: "Routing"
        case 44: "Fragment"
        case 46: "RSVP"
        case 47: "GRE"
        case 50: "ESP"
        case 51: "AH"
        case 55: "Mobile IP"
        case 58: "ICMPv6"
        case 62: "Mobile IP (old)"
        case 88: "EIGRP"
        case 89: "OSPF"
        case 103: "PIM"
        case 108: "Compressed IP"
        case 112: "VRRP"
        case 113: "PGM"
        case 132: "SCTP"
        case 135: "Mobility"
        default: nil
        }
    }
}
