extension PacketPrinter {
    /// ICMPv6 as tcpdump 4.99's `icmp6_print`: echo, error messages, MLD v1 and v2, neighbour
    /// and router discovery with their options under `-v`; node information, router
    /// renumbering and RPL are printed generically and marked uncovered.
    ///
    /// tcpdump prints each field group with one `printf` whose arguments are read first, so a
    /// group is written only once all its bytes were read; a read past the capture ends the
    /// line with ` [|icmp6]`.
    mutating func icmpv6(_ data: Bytes, length: Int, addresses: IPAddresses, fragmented: Bool) {
        layers.append(.icmpv6)
        if length == 0 {
            out.write("ICMP6, length 0 (invalid)")
            return
        }
        let verbose = options.verbosity > 0
        if verbose && !fragmented && data.has(0, length) {
            let pseudoHeader = Checksum.pseudoHeader(addresses, proto: 58, length: length)
            let sum = Checksum.verify(pseudoHeader: pseudoHeader, data, length: length)
            if sum == 0 {
                out.write("[icmp6 sum ok] ")
            } else {
                let stored = (try? data.u16(2)) ?? 0
                out.write("[bad icmp6 cksum 0x")
                out.hex(stored, width: 4)
                out.write(" -> 0x")
                out.hex(Checksum.shouldBe(stored, sum), width: 4)
                out.write("!] ")
            }
        }
        guard let type = data.byte(0) else {
            truncated("icmp6")
            return
        }
        out.write("ICMP6, ")
        if let name = Self.icmpv6TypeName(type) {
            out.write(name)
        } else {
            out.write("unknown icmp6 type (")
            out.decimal(type)
            out.write(")")
        }
        let lengthFirst: Bool
        switch type {
        case 133, 134, 135, 136, 137, 145, 147: lengthFirst = verbose
        default: lengthFirst = false
        }
        if lengthFirst {
            out.write(", length ")
            out.decimal(length)
        }
        do throws(Truncated) {
            guard try icmpv6Message(data, type: type, length: length) else { return }
        } catch {
            truncated("icmp6")
            return
        }
        if !verbose {
            out.write(", length ")
            out.decimal(length)
        }
    }

    /// The text after the type's name; false when tcpdump ends the line without the length.
    private mutating func icmpv6Message(_ data: Bytes, type: UInt8, length: Int) throws(Truncated) -> Bool {
        let verbose = options.verbosity > 0
        let code = try data.u8(1)
        switch type {
        case 1:
            return try destinationUnreachable(data, code: code, length: length)
        case 2:
            let mtu = try data.u32(4)
            out.write(", mtu ")
            out.decimal(mtu)
        case 3:
            switch code {
            case 0:
                try data.require(32, 16)
                out.write(" for ")
                try ipv6Address(data, 32)
            case 1: out.write(" (reassembly)")
            default:
                out.write(", unknown code (")
                out.decimal(code)
                out.write(")")
            }
        case 4:
            try data.require(32, 16)
            let pointer = try data.u32(4)
            let texts: [StaticString] = [", erroneous - octet ", ", next header - octet ", ", option - octet ",
                                         ", incomplete header chain - octet "]
            if Int(code) < texts.count {
                out.write(texts[Int(code)])
                out.decimal(pointer)
            } else {
                out.write(", code-#")
                out.decimal(code)
            }
        case 128, 129:
            let id = try data.u16(4)
            let sequence = try data.u16(6)
            out.write(", id ")
            out.decimal(id)
            out.write(", seq ")
            out.decimal(sequence)
        case 130:
            if length == 24 {
                try listenerV1(data)
            } else if length >= 28 {
                out.write(" v2")
                try listenerQueryV2(data, length: length)
            } else {
                out.write(" unknown-version (len ")
                out.decimal(length)
                out.write(") ")
            }
        case 131, 132:
            try listenerV1(data)
        case 133:
            if verbose { try neighborDiscoveryOptions(data, from: 8, length: length) }
        case 134:
            if verbose {
                let hopLimit = try data.u8(4)
                let flags = try data.u8(5)
                let lifetime = try data.u16(6)
                let reachable = try data.u32(8)
                let retransmit = try data.u32(12)
                out.write("\n\thop limit ")
                out.decimal(hopLimit)
                out.write(", Flags [")
                flagNames(UInt32(flags), [(0x80, "managed"), (0x40, "other stateful"), (0x20, "home agent"),
                                                 (0x02, "ipv6 only")])
                out.write("], pref ")
                out.write(Self.routerPreference(flags))
                out.write(", router lifetime ")
                out.decimal(lifetime)
                out.write("s, reachable time ")
                out.decimal(reachable)
                out.write("ms, retrans timer ")
                out.decimal(retransmit)
                out.write("ms")
                try neighborDiscoveryOptions(data, from: 16, length: length)
            }
        case 135:
            try data.require(8, 16)
            out.write(", who has ")
            try ipv6Address(data, 8)
            if verbose { try neighborDiscoveryOptions(data, from: 24, length: length) }
        case 136:
            try data.require(8, 16)
            out.write(", tgt is ")
            try ipv6Address(data, 8)
            if verbose {
                let flags = try data.u32(4)
                out.write(", Flags [")
                flagNames(flags, [(0x8000_0000, "router"), (0x4000_0000, "solicited"), (0x2000_0000, "override")])
                out.write("]")
                try neighborDiscoveryOptions(data, from: 24, length: length)
            }
        case 137:
            try data.require(24, 16)
            out.write(", ")
            try ipv6Address(data, 24)
            try data.require(8, 16)
            out.write(" to ")
            try ipv6Address(data, 8)
            if verbose { try neighborDiscoveryOptions(data, from: 40, length: length) }
        case 141, 142:
            break
        case 143:
            try listenerReportV2(data, length: length)
        case 144, 146:
            let id = try data.u16(4)
            out.write(", id 0x")
            out.hex(id, width: 4)
        case 145:
            if verbose {
                let id = try data.u16(4)
                out.write(", id 0x")
                out.hex(id, width: 4)
                var offset = 8
                while offset < length {
                    try data.require(offset, 16)
                    out.write(", ")
                    try ipv6Address(data, offset)
                    offset += 16
                }
            }
        case 147:
            if verbose {
                let id = try data.u16(4)
                out.write(", id 0x")
                out.hex(id, width: 4)
                let flags = try data.u16(6)
                if flags & 0xc000 != 0 { out.write(" ") }
                if flags & 0x8000 != 0 { out.write("M") }
                if flags & 0x4000 != 0 { out.write("O") }
                try neighborDiscoveryOptions(data, from: 8, length: length)
            }
        case 138:
            try routerRenumbering(data)
        case 139:
            try nodeInformationQuery(data)
        case 140:
            try nodeInformationReply(data, length: length)
        case 155:
            try routingForLowPower(data.from(4), code: code, length: length - 4)
        default:
            out.write(", length ")
            out.decimal(length)
            hex(data.prefix(length), ascii: false)
            return false
        }
        return true
    }

    /// Type 1: the code's text and the quoted packet's destination (and port).
    private mutating func destinationUnreachable(_ data: Bytes, code: UInt8, length: Int) throws(Truncated) -> Bool {
        let texts: [StaticString] = ["unreachable route", " unreachable prohibited", "beyond scope",
                                     "unreachable address", "unreachable port"]
        out.write(", ")
        if Int(code) < texts.count {
            out.write(texts[Int(code)])
        } else {
            out.write("unknown unreach code (")
            out.decimal(code)
            out.write(")")
        }
        switch code {
        case 0, 1, 3:
            try data.require(32, 16)
            out.write(" ")
            try ipv6Address(data, 32)
        case 2:
            try data.require(16, 32)
            out.write(" ")
            try ipv6Address(data, 32)
            out.write(", source address ")
            try ipv6Address(data, 16)
        case 4:
            guard let (proto, transport) = quotedTransport(data) else { throw Truncated() }
            let port = try data.u16(transport + 2)
            try data.require(32, 16)
            out.write(", ")
            try ipv6Address(data, 32)
            out.write(proto == 6 ? " tcp port " : " udp port ")
            self.port(port, proto == 6 ? .tcp : .udp)
        default:
            hex(data.prefix(length), ascii: false)
            return false
        }
        return true
    }

    /// The offset of the TCP or UDP header in the packet quoted by an error message, found as
    /// tcpdump's `get_upperlayer` walks the extension headers; nil where tcpdump gives up.
    private func quotedTransport(_ data: Bytes) -> (UInt8, Int)? {
        guard var next = data.byte(8 + 6) else { return nil }
        var offset = 8
        var headerLength = 40
        while offset < data.count {
            offset += headerLength
            switch next {
            case 6, 17:
                return data.has(offset + 2, 2) ? (next, offset) : nil
            case 0, 60, 43:
                guard let following = data.byte(offset), let size = data.byte(offset + 1) else { return nil }
                next = following
                headerLength = (Int(size) + 1) * 8
            case 44:
                guard let following = data.byte(offset), let fragment = try? data.u16(offset + 2),
                      fragment & 0xfff8 == 0 else { return nil }
                next = following
                headerLength = 8
            case 51:
                guard let following = data.byte(offset), let size = data.byte(offset + 1) else { return nil }
                next = following
                headerLength = (Int(size) + 2) * 4
            default:
                return nil
            }
        }
        return nil
    }

    /// MLDv1 (and a 24-byte query): tcpdump appends the fields to the name without a
    /// separator, and prints nothing when the message is cut short.
    private mutating func listenerV1(_ data: Bytes) throws(Truncated) {
        guard data.has(0, 24) else { return }
        out.write("max resp delay: ")
        out.decimal(try data.u16(4))
        out.write(" addr: ")
        try ipv6Address(data, 8)
    }

    /// MLDv2 query: `[max resp delay=…] [gaddr … robustness=2 qqi=60, N source(s)]`.
    private mutating func listenerQueryV2(_ data: Bytes, length: Int) throws(Truncated) {
        let verbose = options.verbosity > 0
        let code = try data.u16(4)
        if verbose {
            let delay = code < 32768 ? UInt32(code) : (UInt32(code & 0x0fff) | 0x1000) << (UInt32(code & 0x7000) >> 12 + 3)
            out.write(" [max resp delay=")
            out.decimal(delay)
            out.write("]")
        }
        try data.require(8, 16)
        out.write(" [gaddr ")
        try ipv6Address(data, 8)
        if verbose {
            let flags = try data.u8(24)
            if flags & 0x08 != 0 { out.write(" sflag") }
            if flags & 0x07 != 0 {
                out.write(" robustness=")
                out.decimal(flags & 0x07)
            }
            let code = try data.u8(25)
            let interval = code < 128 ? UInt32(code) : (UInt32(code & 0x0f) | 0x10) << (UInt32(code & 0x70) >> 4 + 3)
            out.write(" qqi=")
            out.decimal(interval)
        }
        let sources = Int(try data.u16(26))
        if sources > 0 {
            if length < 28 + sources * 16 {
                out.write(" [invalid number of sources]")
            } else {
                out.write(", ")
                out.decimal(sources)
                out.write(" source(s)")
            }
        }
        out.write("]")
    }

    /// MLDv2 report: the record count, and under `-v` each record's group and mode.
    private mutating func listenerReportV2(_ data: Bytes, length: Int) throws(Truncated) {
        if length < 8 {
            out.write(" [invalid len ")
            out.decimal(length)
            out.write("]")
            return
        }
        let groups = try data.u16(6)
        out.write(", ")
        out.decimal(groups)
        out.write(" group record(s)")
        guard options.verbosity > 0 else { return }
        let modes: [StaticString] = ["is_in", "is_ex", "to_in", "to_ex", "allow", "block"]
        var offset = 8
        for _ in 0..<groups {
            if length < offset + 20 {
                out.write(" [invalid number of groups]")
                return
            }
            try data.require(offset + 4, 16)
            out.write(" [gaddr ")
            try ipv6Address(data, offset + 4)
            let mode = try data.u8(offset)
            out.write(" ")
            if mode >= 1 && Int(mode) <= modes.count {
                out.write(modes[Int(mode) - 1])
            } else {
                out.write(" [v2-report-#")
                out.decimal(mode)
                out.write("]")
            }
            let sources = Int(try data.u16(offset + 2))
            if length < offset + 20 + sources * 16 {
                out.write(" [invalid number of sources ")
                out.decimal(sources)
                out.write("]")
                return
            }
            out.write(", ")
            out.decimal(sources)
            out.write(" source(s)]")
            offset += 20 + sources * 16
        }
    }

    /// Neighbour discovery options from `start`, one per line, as tcpdump's
    /// `icmp6_opt_print` at the first verbosity level.
    private mutating func neighborDiscoveryOptions(_ data: Bytes, from start: Int, length: Int) throws(Truncated) {
        var offset = start
        var remaining = length - start
        while offset < data.count {
            try data.require(offset + 1, 1)
            if remaining <= 0 { return }
            let type = try data.u8(offset)
            let units = Int(try data.u8(offset + 1))
            let size = units * 8
            if units == 0 || !data.has(offset, size) { throw Truncated() }
            out.write("\n\t  ")
            out.write(Self.neighborOptionName(type))
            out.write(" option (")
            out.decimal(type)
            out.write("), length ")
            out.decimal(size)
            out.write(" (")
            out.decimal(units)
            out.write("): ")
            switch type {
            case 1, 2:
                for i in 2..<size {
                    if i > 2 { out.write(":") }
                    out.hexByte(try data.u8(offset + i))
                }
            case 3:
                try data.require(offset + 16, 16)
                let prefixLength = try data.u8(offset + 2)
                let flags = try data.u8(offset + 3)
                let valid = try data.u32(offset + 4)
                let preferred = try data.u32(offset + 8)
                try ipv6Address(data, offset + 16)
                out.write("/")
                out.decimal(prefixLength)
                if units != 4 { out.write("badlen") }
                out.write(", Flags [")
                flagNames(UInt32(flags), [(0x80, "onlink"), (0x40, "auto"), (0x20, "router")])
                out.write("], valid time ")
                lifetime(valid)
                out.write(", pref. time ")
                lifetime(preferred)
            case 4:
                hex(data.from(start).prefix(size), ascii: false, indent: "\n\t    ")
            case 5:
                let mtu = try data.u32(offset + 4)
                out.write(" ")
                out.decimal(mtu)
                if units != 1 { out.write("bad option length") }
            case 25:
                let time = try data.u32(offset + 4)
                out.write(" lifetime ")
                out.decimal(time)
                out.write("s,")
                for i in 0..<(units - 1) / 2 {
                    try data.require(offset + 8 + 16 * i, 16)
                    out.write(" addr: ")
                    try ipv6Address(data, offset + 8 + 16 * i)
                }
            case 31:
                let time = try data.u32(offset + 4)
                out.write(" lifetime ")
                out.decimal(time)
                out.write("s, domain(s):")
                var name = offset + 8
                while name < offset + size, try data.u8(name) != 0 {
                    out.write(" ")
                    name = try domainName(data, name)
                }
            case 7:
                let interval = try data.u32(offset + 4)
                out.write(" ")
                out.decimal(interval)
                out.write("ms")
            case 8:
                let preference = try data.u16(offset + 4)
                let time = try data.u16(offset + 6)
                out.write(" preference ")
                out.decimal(preference)
                out.write(", lifetime ")
                out.decimal(time)
            case 24:
                let prefixLength = try data.u8(offset + 2)
                let flags = try data.u8(offset + 3)
                let time = try data.u32(offset + 4)
                var prefix = [UInt8](repeating: 0, count: 16)
                switch units {
                case 1: break
                case 2, 3:
                    for i in 0..<(units == 2 ? 8 : 16) { prefix[i] = try data.u8(offset + 8 + i) }
                default: throw Truncated()
                }
                out.write(" ")
                prefix.withUnsafeBytes { raw in try? ipv6Address(Bytes(raw), 0) }
                out.write("/")
                out.decimal(prefixLength)
                out.write(", pref=")
                out.write(Self.routerPreference(flags))
                out.write(", lifetime=")
                lifetime(time)
            default:
                // tcpdump dumps an unknown option and stops reading the list.
                hex(data.from(offset + 2).prefix(size - 2), ascii: false, indent: "\n\t  ")
                return
            }
            offset += size
            remaining -= size
        }
    }

    /// A DNSSL name without compression (tcpdump's `fqdn_print`), `example.com.`; returns the
    /// offset after it. Compression and extended labels are left to the generic form.
    private mutating func domainName(_ data: Bytes, _ start: Int) throws(Truncated) -> Int {
        var offset = start
        var characters = 0
        var label = Int(try data.u8(offset))
        offset += 1
        while label != 0 && offset < data.count {
            if label & 0xc0 != 0 {
                uncovered()
                throw Truncated()
            }
            try escapedCharacters(data, offset, label)
            characters += label + 1
            if characters > 255 { uncovered() }
            offset += label
            out.write(".")
            label = Int(try data.u8(offset))
            offset += 1
        }
        return offset
    }

    /// `infinity` or `Ns`, as tcpdump's `get_lifetime`.
    private mutating func lifetime(_ value: UInt32) {
        if value == 0xffff_ffff {
            out.write("infinity")
        } else {
            out.decimal(value)
            out.write("s")
        }
    }

    /// tcpdump's `bittok2str`: the names of the set bits joined by commas, or `none`.
    private mutating func flagNames(_ value: UInt32, _ names: [(UInt32, StaticString)]) {
        var first = true
        for (bit, name) in names where value & bit == bit {
            if !first { out.write(", ") }
            out.write(name)
            first = false
        }
        if first { out.write("none") }
    }

    private static func routerPreference(_ flags: UInt8) -> StaticString {
        switch (flags & 0x18) >> 3 {
        case 0: "medium"
        case 1: "high"
        case 2: "rsv"
        default: "low"
        }
    }

    private static func neighborOptionName(_ type: UInt8) -> StaticString {
        switch type {
        case 1: "source link-address"
        case 2: "destination link-address"
        case 3: "prefix info"
        case 4: "redirected header"
        case 5: "mtu"
        case 25: "rdnss"
        case 31: "dnssl"
        case 7: "advertisement interval"
        case 8: "homeagent information"
        case 24: "route info"
        default: "unknown"
        }
    }

    /// tcpdump's names of ICMPv6 types (its table lists who-are-you before node information).
    static func icmpv6TypeName(_ type: UInt8) -> StaticString? {
        switch type {
        case 1: "destination unreachable"
        case 2: "packet too big"
        case 3: "time exceeded in-transit"
        case 4: "parameter problem"
        case 128: "echo request"
        case 129: "echo reply"
        case 130: "multicast listener query"
        case 131: "multicast listener report"
        case 132: "multicast listener done"
        case 133: "router solicitation"
        case 134: "router advertisement"
        case 135: "neighbor solicitation"
        case 136: "neighbor advertisement"
        case 137: "redirect"
        case 138: "router renumbering"
        case 139: "who-are-you request"
        case 140: "who-are-you reply"
        case 141: "inverse neighbor solicitation"
        case 142: "inverse neighbor advertisement"
        case 143: "multicast listener report v2"
        case 144: "ha discovery request"
        case 145: "ha discovery reply"
        case 146: "mobile router solicitation"
        case 147: "mobile router advertisement"
        case 155: "RPL"
        case 200: "mtrace response"
        case 201: "mtrace message"
        default: nil
        }
    }
}
