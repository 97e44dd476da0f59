extension PacketPrinter {
    /// PPPoE: sessions carry PPP; discovery packets are printed only generically.
    mutating func pppoe(_ data: Bytes, length: Int, session: Bool) {
        layers.append(.pppoe)
        guard let code = try? data.u8(1), let id = try? data.u16(2), let payloadLength = try? data.u16(4) else {
            out.write("PPPoE")
            truncated("pppoe")
            return
        }
        out.write("PPPoE ")
        guard session, code == 0 else {
            uncovered()
            layers.append(.other)
            out.write("[code 0x")
            out.hex(code, width: 2)
            out.write("]")
            return
        }
        out.write(" [ses 0x")
        out.hex(id)
        out.write("] ")
        guard let proto = try? data.u16(6) else {
            truncated("pppoe")
            return
        }
        let inner = min(Int(payloadLength), length - 6) - 2
        pppPayload(proto, data.from(8).prefix(max(0, inner)), length: inner)
    }
}
