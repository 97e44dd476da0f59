import PcapFilter

/// 802.11 frames, bare or after a radiotap header, built to hit and just miss the 802.11
/// primitives and the protocol primitives over LLC/SNAP.
extension PacketFactory {
    /// Subtypes (the high nibble of the first frame-control byte) per frame type.
    static let managementSubtypes: [UInt8] = [0x00, 0x10, 0x20, 0x40, 0x50, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0]
    static let controlSubtypes: [UInt8] = [0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0, 0xe0, 0xf0, 0x70]
    static let dataSubtypes: [UInt8] = [0x00, 0x80, 0x80, 0x40, 0xc0, 0x10, 0x90, 0x20, 0xa0]

    /// An 802.11 frame: management, control (some without a second or third address), data
    /// with or without QoS under all four DS-bit combinations (the fourth address present or,
    /// as libpcap assumes, not), or reserved; data frames carry LLC/SNAP with a network packet.
    /// `paddedTo4` pads the MAC header to a multiple of 4 bytes (radiotap's data-pad flag).
    mutating func wirelessFrame(paddedTo4: Bool = false) -> [UInt8] {
        let type: UInt8 = pick([0x00, 0x00, 0x04, 0x08, 0x08, 0x08, 0x08, 0x0c])
        let subtype: UInt8
        switch type {
        case 0x00: subtype = pick(Self.managementSubtypes)
        case 0x04: subtype = pick(Self.controlSubtypes)
        default: subtype = pick(Self.dataSubtypes)
        }
        let version: UInt8 = chance(95) ? 0 : 1
        let directions = UInt8(random.next() % 4)
        let flags: UInt8 = chance(20) ? pick([0x08, 0x10, 0x40, 0x04]) : 0
        var header: [UInt8] = [subtype | type | version, directions | flags] + bytes(2)
        header += pick(Self.macPool) + pick(Self.macPool) + pick(Self.macPool) + bytes(2)
        if type == 0x04 {
            // Control frames end after one address (CTS, ACK) or two (RTS, BlockAck…).
            let length = subtype == 0xc0 || subtype == 0xd0 ? 10 : 16
            return Array(header.prefix(chance(80) ? length : header.count)) + bytes(Int(random.next() % 8))
        }
        let hasQoS = type == 0x08 && subtype & 0x80 != 0
        if directions == 3 && chance(50) { header += pick(Self.macPool) }
        if hasQoS { header += bytes(2) }
        if paddedTo4 { while header.count % 4 != 0 { header.append(0) } }
        guard type == 0x08 || chance(10) else { return header + bytes(Int(random.next() % 40)) }
        return header + llcPayload()
    }

    /// An LLC header and what follows it: SNAP with a network packet (sometimes behind a VLAN
    /// tag), SNAP with AppleTalk's organization, or a plain 802.2 header.
    mutating func llcPayload() -> [UInt8] {
        switch random.next() % 10 {
        case 0:
            return [pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 0xaa]), pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 0xaa]),
                    pick(Self.llcControls)] + bytes(Int(random.next() % 30))
        case 1:
            return [0xaa, 0xaa, 0x03, 0x08, 0x00, 0x07] + Self.be16(pick([0x809b, 0x80f3])) + bytes(20)
        case 2:
            // A web or DNS packet, so that port rows are hit as often as on Ethernet.
            var packet = ipv4()
            let headerLength = Int(packet[0] & 0x0f) * 4
            packet[9] = pick([6, 17])
            if packet.count >= headerLength + 4 { packet[headerLength + 2 ..< headerLength + 4] = Self.be16(pick([80, 53]))[...] }
            return [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00] + packet
        default:
            var (type, payload) = network()
            if chance(15) {
                payload = Self.be16(pick([10, 3, 4095, 0x100a])) + Self.be16(type) + payload
                type = UInt16(pick(EtherType.vlanTPIDs))
            } else if chance(5) {
                let ppp: UInt16 = type == 0x0800 ? 0x21 : (type == 0x86dd ? 0x57 : type)
                payload = [0x11, 0] + Self.be16(pick([3, 7])) + Self.be16(UInt16(payload.count + 2)) + Self.be16(ppp) + payload
                type = 0x8864
            }
            return [0xaa, 0xaa, 0x03, 0, 0, chance(90) ? 0 : 0xf8] + Self.be16(type) + payload
        }
    }

    /// A radiotap header (little-endian fields, aligned to their size) and an 802.11 frame:
    /// TSFT, flags (data pad, FCS), rate, channel and signal fields, sometimes a second
    /// presence word, sometimes a length that does not match the fields.
    mutating func radiotapFrame() -> [UInt8] {
        var present = UInt32(0)
        for bit in [0, 1, 1, 2, 3, 5] where chance(55) { present |= 1 << UInt32(bit) }
        let extended = chance(20)
        if extended { present |= 0x8000_0000 }
        var header: [UInt8] = [0, 0, 0, 0] + Self.le32(present)
        if extended { header += Self.le32(UInt32(truncatingIfNeeded: random.next()) & 0x7fff_ffff) }
        func align(_ size: Int) { while header.count % size != 0 { header.append(0) } }
        var dataPad = false
        if present & 1 != 0 { align(8); header += bytes(8) }
        if present & 2 != 0 {
            let flags: UInt8 = pick([0x00, 0x10, 0x20, 0x22, 0x02, 0x30])
            dataPad = flags & 0x20 != 0
            header.append(flags)
        }
        if present & 4 != 0 { header.append(pick([2, 4, 11, 22, 108])) }
        if present & 8 != 0 { align(2); header += Self.le16(pick([2412, 2437, 5180])) + Self.le16(pick([0xa0, 0x140])) }
        if present & 0x20 != 0 { header.append(byte()) }
        if chance(10) { header += bytes(Int(random.next() % 6)) }
        var length = UInt16(header.count)
        if chance(5) { length = pick([0, 1, 7, 300, 0xffff]) }
        header[2...3] = Self.le16(length)[...]
        return header + wirelessFrame(paddedTo4: dataPad && chance(80))
    }

    static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    static func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xffff)) + le16(UInt16(v >> 16)) }
}
