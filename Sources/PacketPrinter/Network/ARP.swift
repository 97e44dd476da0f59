extension PacketPrinter {
    /// ARP and RARP: who-has / is-at lines for IPv4 over Ethernet, the header sizes otherwise.
    mutating func arp(_ data: Bytes, length: Int) {
        layers.append(.arp)
        guard let hardware = try? data.u16(0), let proto = try? data.u16(2), let hardwareLength = try? data.u8(4),
              let protoLength = try? data.u8(5), let operation = try? data.u16(6) else {
            truncated("arp")
            return
        }
        if hardware == 19 {
            // ATM ARP (RFC 2225) has its own layout, printed only generically here.
            uncovered()
            layers.append(.other)
        }
        let hln = Int(hardwareLength), pln = Int(protoLength)
        let sha = 8, spa = 8 + hln, tha = 8 + hln + pln, tpa = 8 + 2 * hln + pln
        guard data.has(tpa, pln) else {
            truncated("arp")
            return
        }
        if !options.linkHeader { out.write("ARP, ") }
        let isIPv4 = (proto == 0x0800 || proto == 0x1000) && pln == 4 && hln != 0
        if !isIPv4 || options.verbosity > 0 {
            switch hardware {
            case 1: out.write("Ethernet")
            case 6: out.write("IEEE 802")
            default:
                out.write("Unknown Hardware (")
                out.decimal(hardware)
                out.write(")")
            }
            out.write(" (len ")
            out.decimal(hln)
            out.write("), ")
            if let name = EtherType.name(proto) {
                out.write(string: name)
            } else {
                out.write("Unknown Protocol (0x")
                out.hex(proto, width: 4)
                out.write(")")
            }
            out.write(" (len ")
            out.decimal(pln)
            out.write(")")
            guard options.verbosity > 0 else {
                out.write(", length ")
                out.decimal(length)
                return
            }
            out.write(", ")
        }
        switch operation {
        case 1: out.write("Request who-has ")
            protocolAddress(data, tpa, proto: proto, length: pln)
            if (0..<hln).contains(where: { data.byte(tha + $0) != 0 }) {
                out.write(" (")
                try? linkAddress(data, tha, length: hln)
                out.write(")")
            }
            out.write(" tell ")
            protocolAddress(data, spa, proto: proto, length: pln)
        case 2: out.write("Reply ")
            protocolAddress(data, spa, proto: proto, length: pln)
            out.write(" is-at ")
            try? linkAddress(data, sha, length: hln)
        case 3: out.write("Reverse Request who-is ")
            try? linkAddress(data, tha, length: hln)
            out.write(" tell ")
            try? linkAddress(data, sha, length: hln)
        case 4: out.write("Reverse Reply ")
            try? linkAddress(data, tha, length: hln)
            out.write(" at ")
            protocolAddress(data, tpa, proto: proto, length: pln)
        case 8: out.write("Inverse Request who-is ")
            try? linkAddress(data, tha, length: hln)
            out.write(" tell ")
            try? linkAddress(data, sha, length: hln)
        case 9: out.write("Inverse Reply ")
            try? linkAddress(data, sha, length: hln)
            out.write(" at ")
            protocolAddress(data, spa, proto: proto, length: pln)
        default:
            uncovered()
            out.write("Unknown (")
            out.decimal(operation)
            out.write(")")
            defaultPrint(data)
            return
        }
        out.write(", length ")
        out.decimal(length)
    }

    private mutating func protocolAddress(_ data: Bytes, _ offset: Int, proto: UInt16, length: Int) {
        if proto != 0x0800 && proto != 0x1000 {
            out.write("<wrong proto type>")
        } else if length != 4 {
            out.write("<wrong len>")
        } else {
            try? ipv4Address(data, offset)
        }
    }
}
