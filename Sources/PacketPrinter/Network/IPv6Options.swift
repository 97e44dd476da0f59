extension PacketPrinter {
    /// The options of a hop-by-hop or destination-options header (`data` is the whole
    /// header), as tcpdump's `ip6_opt_process` prints them: `(rtalert: 0x0000) (padn) ` under
    /// `-v`, and only the malformed ones without it; `jumbo` receives a valid jumbo payload
    /// length. Returns false when the option list is malformed, after which tcpdump prints
    /// the header's truncation mark and stops.
    mutating func ipv6Options(_ data: Bytes, hopByHop: Bool, payloadLength: UInt16, jumbo: inout UInt32?) -> Bool {
        let verbose = options.verbosity > 0
        let length = data.count - 2
        let list = data.from(2)
        var sawJumbo = false
        var found: UInt32?
        defer { if let found { jumbo = found } }
        var i = 0
        while i < length {
            guard let type = list.byte(i) else { return false }
            let optionLength: Int
            if type == 0 {
                optionLength = 1
            } else if i + 1 < length, let size = list.byte(i + 1) {
                optionLength = Int(size) + 2
            } else {
                return false
            }
            if i + optionLength > length { return false }
            let size = list.byte(i + 1) ?? 0
            switch type {
            case 0:
                if verbose { out.write("(pad1)") }
            case 1:
                if verbose { out.write("(padn)") }
            case 0x05:
                if length - i < 4 {
                    out.write("(rtalert: trunc)")
                    return false
                }
                guard size == 2, let value = try? list.u16(i + 2) else {
                    out.write("(rtalert: invalid len ")
                    out.decimal(size)
                    out.write(")")
                    return false
                }
                if verbose {
                    out.write("(rtalert: 0x")
                    out.hex(value, width: 4)
                    out.write(") ")
                }
            case 0xc2:
                if length - i < 6 {
                    out.write("(jumbo: trunc)")
                    return false
                }
                guard size == 4, let value = try? list.u32(i + 2) else {
                    out.write("(jumbo: invalid len ")
                    out.decimal(size)
                    out.write(")")
                    return false
                }
                if sawJumbo {
                    if verbose { jumboNote(value, " - already seen") }
                    break
                }
                sawJumbo = true
                if !hopByHop {
                    if verbose { jumboNote(value, " - not a hop-by-hop option") }
                } else if payloadLength != 0 {
                    if verbose { jumboNote(value, " - payload len != 0") }
                } else if value < 65536 {
                    if verbose { jumboNote(value, " - < 65536") }
                } else {
                    found = value
                    if verbose { jumboNote(value, "") }
                }
            case 0xc9:
                if length - i < 18 {
                    out.write("(homeaddr: trunc)")
                    return false
                }
                if size < 16 {
                    out.write("(homeaddr: invalid len ")
                    out.decimal(size)
                    out.write(")")
                    return false
                }
                if verbose {
                    out.write("(homeaddr: ")
                    try? ipv6Address(list, i + 2)
                    if size > 16 && !homeAddressSubOptions(list.from(i + 18).prefix(optionLength - 18)) {
                        return false
                    }
                    out.write(")")
                }
            default:
                if verbose {
                    out.write("(opt_type 0x")
                    out.hex(type, width: 2)
                    out.write(": len=")
                    out.decimal(size)
                    out.write(")")
                }
            }
            i += optionLength
        }
        if verbose { out.write(" ") }
        return true
    }

    private mutating func jumboNote(_ value: UInt32, _ note: StaticString) {
        out.write("(jumbo: ")
        out.decimal(value)
        out.write(note)
        out.write(") ")
    }

    /// The sub-options of a home address option (tcpdump's `ip6_sopt_print`).
    private mutating func homeAddressSubOptions(_ data: Bytes) -> Bool {
        var i = 0
        while i < data.count {
            guard let type = data.byte(i) else { return false }
            let optionLength: Int
            if type == 0 {
                optionLength = 1
            } else if let size = data.byte(i + 1) {
                optionLength = Int(size) + 2
            } else {
                return false
            }
            if i + optionLength > data.count { return false }
            switch type {
            case 0: out.write(", pad1")
            case 1: out.write(", padn")
            default:
                out.write(", sopt_type 0x")
                out.hex(type, width: 2)
                out.write(": len=")
                out.decimal(data.byte(i + 1) ?? 0)
            }
            i += optionLength
        }
        return true
    }
}
