extension PacketPrinter {
    /// PPPoE: discovery packets with their tags (`PPPoE PADI [Service-Name] …`), sessions
    /// with the PPP frame they carry (`PPPoE  [ses 0x1] IP …`).
    mutating func pppoe(_ data: Bytes, length: Int, session: Bool) {
        layers.append(.pppoe)
        guard let code = data.byte(1), let id = try? data.u16(2), let payloadLength = try? data.u16(4) else {
            truncated("pppoe")
            return
        }
        out.write("PPPoE ")
        switch code {
        case 0: break
        case 0x09: out.write("PADI")
        case 0x07: out.write("PADO")
        case 0x19: out.write("PADR")
        case 0x65: out.write("PADS")
        case 0xa7: out.write("PADT")
        default:
            out.write("PAD-")
            out.hex(code)
        }
        if code == 0x09 && Int(payloadLength) > length - 6 {
            out.write(" [len ")
            out.decimal(payloadLength)
            out.write("!]")
        }
        if id != 0 {
            out.write(" [ses 0x")
            out.hex(id)
            out.write("]")
        }
        if Int(payloadLength) > length - 6 { uncovered() }
        let payload = data.from(6)
        guard code == 0 else {
            discoveryTags(payload, length: min(Int(payloadLength), length - 6))
            return
        }
        out.write(" ")
        guard let proto = try? payload.u16(0) else {
            truncated("ppp")
            return
        }
        if payload.byte(0) == 0xff { uncovered() }  // Address and control bytes inside PPPoE.
        let inner = min(Int(payloadLength), length - 6) - 2
        pppPayload(proto, payload.from(2).prefix(max(0, inner)), length: inner)
    }

    private mutating func discoveryTags(_ data: Bytes, length: Int) {
        var offset = 0
        var tag: UInt16 = 0xffff
        while tag != 0 && offset < length {
            guard let type = try? data.u16(offset), let size = try? data.u16(offset + 2) else {
                truncated("pppoe")
                return
            }
            tag = type
            offset += 4
            out.write(" [")
            tagName(type)
            if size > 0 {
                guard data.has(offset, Int(size)) else {
                    truncated("pppoe")
                    return
                }
                let shown = min(Int(size), 79)
                let printable = (0..<shown).filter { i in (data.byte(offset + i)).map { $0 >= 0x20 && $0 < 0x7f } ?? false }
                if printable.count > shown - printable.count {
                    out.write(" \"")
                    for i in 0..<shown {
                        let c = data.byte(offset + i) ?? 0
                        out.write(byte: c >= 0x20 && c < 0x7f ? c : 0x2e)
                    }
                    out.write("\"")
                } else {
                    out.write(" 0x")
                    for i in 0..<Int(size) {
                        let c = data.byte(offset + i) ?? 0
                        out.write(byte: TextBuffer.hexDigits[Int(c >> 4)] & 0xdf | (c >> 4 < 10 ? 0x20 : 0))
                        out.write(byte: TextBuffer.hexDigits[Int(c & 0xf)] & 0xdf | (c & 0xf < 10 ? 0x20 : 0))
                    }
                }
            }
            out.write("]")
            offset += Int(size)
        }
    }

    private mutating func tagName(_ type: UInt16) {
        switch type {
        case 0: out.write("EOL")
        case 0x0101: out.write("Service-Name")
        case 0x0102: out.write("AC-Name")
        case 0x0103: out.write("Host-Uniq")
        case 0x0104: out.write("AC-Cookie")
        case 0x0105: out.write("Vendor-Specific")
        case 0x0110: out.write("Relay-Session-ID")
        case 0x0120: out.write("PPP-Max-Payload")
        case 0x0201: out.write("Service-Name-Error")
        case 0x0202: out.write("AC-System-Error")
        case 0x0203: out.write("Generic-Error")
        default:
            out.write("TAG-0x")
            out.hex(type)
        }
    }
}
