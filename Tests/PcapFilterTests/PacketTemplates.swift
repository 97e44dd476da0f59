import TestSupport
import PcapFilter

/// Packets built to hit and to just miss the primitives of the differential table.
struct PacketFactory {
    var random: SeededGenerator

    static let ipv4Pool: [[UInt8]] = [[1, 2, 3, 4], [10, 0, 0, 1], [10, 1, 2, 3], [192, 168, 1, 255],
                                      [224, 0, 0, 1], [255, 255, 255, 255], [0, 0, 0, 0], [5, 6, 7, 8]]
    static let ipv6Pool: [[UInt8]] = [
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0xaa, 0, 0, 0, 0, 0, 0, 2],
    ]
    static let macPool: [[UInt8]] = [[1, 2, 3, 4, 5, 6], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
                                     [0, 0x11, 0x22, 0x33, 0x44, 0x55], [1, 2, 3, 4, 5, 7]]
    static let portPool: [UInt16] = [80, 443, 53, 10, 20, 15, 9, 21, 6081, 0, 65535, 1000]
    static let transportPool: [UInt8] = [6, 17, 132, 1, 2, 58, 103, 112, 51, 50, 9, 44, 0]
    static let etherTypePool: [UInt16] = [0x0800, 0x86dd, 0x0806, 0x8035, 0x8100, 0x88a8, 0x9100, 0x8864,
                                          0x8863, 0x809b, 0x80f3, 0x8137, 0x6003, 0x0600, 100, 1500, 1501]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: random.next()) }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }

    mutating func transport(_ proto: UInt8) -> [UInt8] {
        var header = Self.be16(pick(Self.portPool)) + Self.be16(pick(Self.portPool))
        header += bytes(16)
        if proto == 6, chance(50) { header[13] = pick([2, 0x12, 0x10, 0x11]) }
        if proto == 17, chance(30) {  // Geneve-looking payload
            header[2...3] = [0x17, 0xc1]
        }
        return header
    }

    mutating func ipv4() -> [UInt8] {
        let optionWords = chance(20) ? Int(random.next() % 11) : 0
        let proto = pick(Self.transportPool)
        var header: [UInt8] = [0x45 + UInt8(optionWords), 0, 0, 0, 0, 0, 0, 0, 64, proto, 0, 0]
        header += pick(Self.ipv4Pool) + pick(Self.ipv4Pool)
        if chance(20) { header[6] = pick([0x20, 0x00, 0x01, 0x40]); header[7] = pick([0, 1, 0xff]) }
        header += bytes(optionWords * 4)
        var packet = header + transport(proto)
        let total = UInt16(packet.count)
        packet[2...3] = Self.be16(total)[...]
        return packet
    }

    mutating func ipv6() -> [UInt8] {
        var next = pick(Self.transportPool)
        var extensions: [UInt8] = []
        if chance(25) {
            let inner = pick(Self.transportPool)
            extensions = [inner, 0, 0, pick([0, 1, 8]), 0, 0, 0, 1]
            next = 44
        }
        var header: [UInt8] = [0x60, 0, 0, 0] + Self.be16(0) + [next, 64]
        header += pick(Self.ipv6Pool) + pick(Self.ipv6Pool)
        let payload = extensions + transport(extensions.first ?? next)
        header[4...5] = Self.be16(UInt16(payload.count))[...]
        return header + payload
    }

    mutating func arp() -> [UInt8] {
        [0, 1, 8, 0, 6, 4, 0, pick([1, 2, 3, 4])] + pick(Self.macPool) + pick(Self.ipv4Pool)
            + pick(Self.macPool) + pick(Self.ipv4Pool)
    }

    /// A network-layer packet and its ethertype.
    mutating func network() -> (UInt16, [UInt8]) {
        switch random.next() % 8 {
        case 0, 1, 2: (0x0800, ipv4())
        case 3, 4: (0x86dd, ipv6())
        case 5: (0x0806, arp())
        case 6: (0x8035, arp())
        default: (pick(Self.etherTypePool), bytes(Int(random.next() % 60)))
        }
    }

    mutating func ethernetPayload() -> (UInt16, [UInt8]) {
        var (type, payload) = network()
        if chance(10) {  // PPPoE session around the packet
            let ppp: UInt16 = type == 0x0800 ? 0x21 : (type == 0x86dd ? 0x57 : type)
            payload = [0x11, 0] + Self.be16(pick([3, 7, 0x1234])) + Self.be16(UInt16(payload.count + 2))
                + Self.be16(ppp) + payload
            type = 0x8864
        } else if chance(10) {  // 802.3 with LLC or SNAP
            let llc: [UInt8] = chance(50)
                ? [0xaa, 0xaa, 3, 0, 0, pick([0, 7])] + Self.be16(pick([0x8137, 0x809b, 0x80f3, 0x0800]))
                : [pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 100, 0xff]), pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 0xff]), 3]
            payload = llc + payload
            type = UInt16(min(payload.count, 1500))
        }
        return (type, payload)
    }

    mutating func ethernet() -> [UInt8] {
        var (type, payload) = ethernetPayload()
        let tags = chance(30) ? Int(random.next() % 3) + 1 : 0
        for _ in 0..<tags {
            let tci = pick([UInt16(10), 3, 4095, 0x100a, 7])
            payload = Self.be16(type) + Self.be16(tci) + payload
            type = UInt16(pick(EtherType.vlanTPIDs))
        }
        return pick(Self.macPool) + pick(Self.macPool) + Self.be16(type) + payload
    }

    enum EtherType { static let vlanTPIDs: [UInt32] = [0x8100, 0x88a8, 0x9100, 0x8100] }

    /// A packet for `link`, then possibly mutated: a byte changed, or cut short.
    mutating func packet(for link: LinkLayer) -> (bytes: [UInt8], wireLength: Int) {
        var packet: [UInt8]
        switch link {
        case .ethernet: packet = ethernet()
        case .raw: packet = chance(50) ? ipv4() : (chance(80) ? ipv6() : bytes(30))
        case .ipv4: packet = ipv4()
        case .ipv6: packet = ipv6()
        case .null, .loop:
            let (type, payload) = network()
            let family: UInt32 = type == 0x0800 ? 2 : (type == 0x86dd ? pick([10, 24, 28, 30]) : pick([0, 7]))
            let word = link == .loop ? family : family.byteSwapped
            packet = withUnsafeBytes(of: word.bigEndian) { Array($0) } + payload
        case .ppp:
            let (type, payload) = network()
            let proto: UInt16 = type == 0x0800 ? 0x21 : (type == 0x86dd ? 0x57 : type)
            packet = [0xff, 0x03] + Self.be16(proto) + payload
        case .linuxCooked:
            let (type, payload) = ethernetPayload()
            packet = Self.be16(UInt16(pick([0, 1, 2, 3, 4]))) + [0, 1, 0, 6] + pick(Self.macPool) + [0, 0]
                + Self.be16(chance(10) ? pick([1, 4]) : type) + payload
        case .linuxCooked2:
            let (type, payload) = ethernetPayload()
            packet = Self.be16(type) + [0, 0, 0, 0, 0, pick([1, 2, 3])] + [0, 1, pick([0, 1, 2, 3, 4]), 6]
                + pick(Self.macPool) + [0, 0] + payload
        }
        if chance(30), !packet.isEmpty { packet[Int(random.next() % UInt64(packet.count))] = byte() }
        let wire = packet.count + (chance(10) ? Int(random.next() % 100) : 0)
        if chance(15) { packet = Array(packet.prefix(Int(random.next() % UInt64(packet.count + 1)))) }
        return (packet, wire)
    }
}
