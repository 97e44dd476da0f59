extension PacketPrinter {
    /// DNS at tcpdump's default verbosity: `id+ A? name. (len)` for queries,
    /// `id 1/0/0 A 1.2.3.4 (len)` for responses.
    mutating func dns(_ data: Bytes, length: Int, multicast: Bool) {
        layers.append(.dns)
        if options.verbosity > 0 { uncovered() }  // -v adds owner names, SOA fields, EDNS detail.
        guard length >= 12 else {
            out.write("domain [length ")
            out.decimal(length)
            out.write(" < 12] (invalid)")
            return
        }
        do throws(Truncated) {
            try dnsMessage(data, multicast: multicast)
        } catch {
            truncated("domain")
            return
        }
        out.write(" (")
        out.decimal(length)
        out.write(")")
    }

    private mutating func dnsMessage(_ data: Bytes, multicast: Bool) throws(Truncated) {
        let id = try data.u16(0)
        let flags = try data.u16(2)
        let questions = Int(try data.u16(4))
        var answers = Int(try data.u16(6))
        let authorities = Int(try data.u16(8))
        let additional = Int(try data.u16(10))
        let opcode = Int(flags >> 11 & 0xf)
        let operations: [StaticString] = ["", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8",
                                          " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit",
                                          " zoneRef"]
        out.decimal(id)
        out.write(operations[opcode])
        var offset = 12
        if flags & 0x8000 != 0 {
            let rcode = Int(flags & 0xf) | (try extendedRcode(data, questions: questions,
                                                              records: answers + authorities, additional: additional)) << 4
            let rcodes: [StaticString] = ["", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain",
                                          " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12",
                                          " Resp13", " Resp14", " NoChange", " BadVers", " BadKey", " BadTime",
                                          " BadMode", " BadName", " BadAlg", " BadTrunc", " BadCookie"]
            if rcode < rcodes.count {
                out.write(rcodes[rcode])
            } else {
                out.write(" Resp")
                out.decimal(rcode & 0xfff)
            }
            if flags & 0x0400 != 0 { out.write("*") }
            if flags & 0x0080 == 0 { out.write("-") }
            if flags & 0x0200 != 0 { out.write("|") }
            if flags & 0x0020 != 0 { out.write("$") }
            if questions != 1 {
                out.write(" [")
                out.decimal(questions)
                out.write("q]")
            }
            for i in 0..<questions {
                if i != 0 { out.write(",") }
                offset = try skipName(data, offset) + 4
            }
            out.write(" ")
            out.decimal(answers)
            out.write("/")
            out.decimal(authorities)
            out.write("/")
            out.decimal(additional)
            if answers > 0 {
                offset = try resourceRecord(data, offset, multicast: multicast)
                answers -= 1
                while offset < data.count && answers > 0 {
                    out.write(",")
                    offset = try resourceRecord(data, offset, multicast: multicast)
                    answers -= 1
                }
            }
            if answers > 0 { throw Truncated() }
        } else {
            if flags & 0x0100 != 0 { out.write("+") }
            if flags & 0x0010 != 0 { out.write("%") }
            if flags & 0x06cf != 0 {
                out.write(" [b2&3=0x")
                out.hex(flags)
                out.write("]")
            }
            if opcode == 1 {
                if questions != 0 {
                    out.write(" [")
                    out.decimal(questions)
                    out.write("q]")
                }
                if answers != 1 {
                    out.write(" [")
                    out.decimal(answers)
                    out.write("a]")
                }
            } else {
                if answers != 0 {
                    out.write(" [")
                    out.decimal(answers)
                    out.write("a]")
                }
                if questions != 1 {
                    out.write(" [")
                    out.decimal(questions)
                    out.write("q]")
                }
            }
            if authorities != 0 {
                out.write(" [")
                out.decimal(authorities)
                out.write("n]")
            }
            if additional != 0 {
                out.write(" [")
                out.decimal(additional)
                out.write("au]")
            }
            var remaining = questions
            if remaining > 0 {
                offset = try question(data, offset, multicast: multicast)
                remaining -= 1
                while offset < data.count && remaining > 0 {
                    offset = try question(data, offset, multicast: multicast)
                    remaining -= 1
                }
            }
            if remaining > 0 { throw Truncated() }
        }
    }

    /// The high bits of the response code, from an OPT record in the additional section.
    private func extendedRcode(_ data: Bytes, questions: Int, records: Int, additional: Int) throws(Truncated) -> Int {
        guard additional > 0 else { return 0 }
        do throws(Truncated) {
            var offset = 12
            for _ in 0..<questions { offset = try skipName(data, offset) + 4 }
            for _ in 0..<records {
                offset = try skipName(data, offset)
                offset += 10 + Int(try data.u16(offset + 8))
            }
            for _ in 0..<additional {
                offset = try skipName(data, offset)
                if try data.u16(offset) == 41 { return Int(try data.u8(offset + 4)) }
                offset += 10 + Int(try data.u16(offset + 8))
            }
        } catch {
            return 0
        }
        return 0
    }

    private mutating func question(_ data: Bytes, _ offset: Int, multicast: Bool) throws(Truncated) -> Int {
        let afterName = try skipName(data, offset)
        try data.require(afterName, 4)
        let type = try data.u16(afterName)
        let rawClass = try data.u16(afterName + 2)
        out.write(" ")
        dnsType(type)
        let dnsClass = multicast ? rawClass & 0x7fff : rawClass
        if dnsClass != 1 {
            out.write(" ")
            dnsClassName(dnsClass)
        }
        if multicast { out.write(rawClass & 0x8000 != 0 ? " (QU)" : " (QM)") }
        out.write("? ")
        _ = try printName(data, offset)
        return afterName + 4
    }

    private mutating func resourceRecord(_ data: Bytes, _ offset: Int, multicast: Bool) throws(Truncated) -> Int {
        guard let afterName = try? skipName(data, offset), data.has(afterName, 10) else { return data.count }
        let type = try data.u16(afterName)
        let rawClass = try data.u16(afterName + 2)
        let dnsClass = multicast ? rawClass & 0x7fff : rawClass
        if dnsClass != 1 && type != 41 {
            out.write(" ")
            dnsClassName(dnsClass)
        }
        if multicast && rawClass & 0x8000 != 0 { out.write(" (Cache flush)") }
        let optFlags = type == 41 ? try data.u16(afterName + 6) : 0
        let rdataLength = Int(try data.u16(afterName + 8))
        let rdata = afterName + 10
        let end = rdata + rdataLength
        out.write(" ")
        dnsType(type)
        guard end <= data.count else { throw Truncated() }
        switch type {
        case 1:
            out.write(" ")
            try ipv4Address(data, rdata)
        case 2, 5, 12, 39:
            out.write(" ")
            _ = try printName(data, rdata)
        case 15:
            out.write(" ")
            _ = try printName(data, rdata + 2)
            out.write(" ")
            out.decimal(try data.u16(rdata))
        case 16:
            var cursor = rdata
            while cursor < end {
                out.write(" \"")
                let count = Int(try data.u8(cursor))
                try printLabelCharacters(data, cursor + 1, count)
                cursor += 1 + count
                out.write("\"")
            }
        case 33:
            out.write(" ")
            _ = try printName(data, rdata + 6)
            out.write(":")
            out.decimal(try data.u16(rdata + 4))
            out.write(" ")
            out.decimal(try data.u16(rdata))
            out.write(" ")
            out.decimal(try data.u16(rdata + 2))
        case 28:
            out.write(" ")
            try ipv6Address(data, rdata)
        case 41:
            out.write(" UDPsize=")
            out.decimal(rawClass)
            if optFlags & 0x8000 != 0 { out.write(" DO") }
            if rdataLength > 0 { uncovered() }
        case 38, 103, 250, 256, 64, 65:
            uncovered()
        default:
            break
        }
        return end
    }

    /// The offset after a name, without printing it.
    private func skipName(_ data: Bytes, _ start: Int) throws(Truncated) -> Int {
        var offset = start
        var length = try data.u8(offset)
        offset += 1
        while length != 0 {
            switch length & 0xc0 {
            case 0xc0: return offset + 1
            case 0x40, 0x80: throw Truncated()
            default: break
            }
            offset += Int(length)
            length = try data.u8(offset)
            offset += 1
        }
        return offset
    }

    /// Prints a (possibly compressed) name, `example.com.`; pointers must go backwards.
    private mutating func printName(_ data: Bytes, _ start: Int) throws(Truncated) -> Int {
        var offset = start
        var maxOffset = start
        var length = try data.u8(offset)
        offset += 1
        if length == 0 {
            out.write(".")
            return offset
        }
        while length != 0 && offset < data.count {
            if length & 0xc0 == 0xc0 {
                let target = Int(length & 0x3f) << 8 | Int(try data.u8(offset))
                guard target < maxOffset else {
                    out.write("<BAD PTR>")
                    throw Truncated()
                }
                maxOffset = target
                offset = target
                length = try data.u8(offset)
                offset += 1
                continue
            }
            if length & 0xc0 != 0 {
                uncovered()
                throw Truncated()
            }
            try printLabelCharacters(data, offset, Int(length))
            offset += Int(length)
            out.write(".")
            length = try data.u8(offset)
            offset += 1
        }
        return offset
    }

    /// Label bytes as tcpdump shows them: `M-` for high bytes, `^X` for control bytes.
    mutating func printLabelCharacters(_ data: Bytes, _ start: Int, _ count: Int) throws(Truncated) {
        for i in 0..<count {
            var c = try data.u8(start + i)
            if c >= 0x80 {
                out.write("M-")
                c &= 0x7f
            }
            if c < 0x20 || c == 0x7f {
                out.write("^")
                out.write(byte: c ^ 0x40)
            } else {
                out.write(byte: c)
            }
        }
    }

    private mutating func dnsType(_ type: UInt16) {
        if let name = DNSNames.type(type) {
            out.write(name)
        } else {
            out.write("Type")
            out.decimal(type)
        }
    }

    private mutating func dnsClassName(_ value: UInt16) {
        switch value {
        case 1: out.write("IN")
        case 3: out.write("CHAOS")
        case 4: out.write("HS")
        case 255: out.write("ANY")
        default:
            out.write("(Class ")
            out.decimal(value)
            out.write(")")
        }
    }
}

/// DNS record type names as tcpdump prints them.
enum DNSNames {
    static let types: [StaticString] = [
        "", "A", "NS", "MD", "MF", "CNAME", "SOA", "MB", "MG", "MR", "NULL", "WKS", "PTR", "HINFO", "MINFO", "MX",
        "TXT", "RP", "AFSDB", "X25", "ISDN", "RT", "NSAP", "NSAP_PTR", "SIG", "KEY", "PX", "GPOS", "AAAA", "LOC",
        "NXT", "EID", "NIMLOC", "SRV", "ATMA", "NAPTR", "KX", "CERT", "A6", "DNAME", "SINK", "OPT", "APL", "DS",
        "SSHFP", "IPSECKEY", "RRSIG", "NSEC", "DNSKEY", "DHCID", "NSEC3", "NSEC3PARAM", "TLSA", "SMIMEA", "",
        "HIP", "NINFO", "RKEY", "TALINK", "CDS", "CDNSKEY", "OPENPGPKEY", "CSYNC",
    ]

    static func type(_ value: UInt16) -> StaticString? {
        if value > 0 && Int(value) < types.count && value != 54 { return types[Int(value)] }
        switch value {
        case 99: return "SPF"
        case 100: return "UINFO"
        case 101: return "UID"
        case 102: return "GID"
        case 103: return "UNSPEC"
        case 104: return "NID"
        case 105: return "L32"
        case 106: return "L64"
        case 107: return "LP"
        case 108: return "EUI48"
        case 109: return "EUI64"
        case 249: return "TKEY"
        case 250: return "TSIG"
        case 251: return "IXFR"
        case 252: return "AXFR"
        case 253: return "MAILB"
        case 254: return "MAILA"
        case 255: return "ANY"
        case 256: return "URI"
        case 257: return "CAA"
        case 32768: return "TA"
        case 32769: return "DLV"
        default: return nil
        }
    }
}
