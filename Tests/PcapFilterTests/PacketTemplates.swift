import TestSupport
import PcapFilter

/// Packets built to hit and to just miss the primitives of the differential table.
struct PacketFactory {
    var random: SeededGenerator
    /// Whether to build MPLS, Geneve, LLC and header-chain packets more often than others.
    var favourEncapsulations = false

    init(random: SeededGenerator) { self.random = random }

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

    /// LLC control bytes: I frames, S frames (RR, RNR, REJ, unknown), U frames (UI, UA, DISC,
    /// DM, SABME, TEST, XID, FRMR, and the same with the poll/final bit).
    static let llcControls: [UInt8] = [0x00, 0x02, 0x01, 0x05, 0x09, 0x0d, 0x03, 0x13, 0x63, 0x43, 0x0f, 0x6f,
                                       0xe3, 0xf3, 0xaf, 0xbf, 0x87, 0x97, 0x07]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: random.next()) }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in byte() } }

    static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xff)] }

    mutating func transport(_ proto: UInt8) -> [UInt8] {
        let ports = favourEncapsulations && chance(50) ? [80, 53] : Self.portPool
        var header = Self.be16(pick(ports)) + Self.be16(pick(ports))
        header += bytes(16)
        if proto == 6, chance(50) { header[13] = pick([2, 0x12, 0x10, 0x11]) }
        if proto == 17, chance(30) {  // Geneve-looking payload
            header[2...3] = [0x17, 0xc1]
        }
        return header
    }

    mutating func ipv4() -> [UInt8] {
        let optionWords = chance(20) ? Int(random.next() % 11) : 0
        var proto = favourEncapsulations && chance(50) ? pick([6, 17]) : pick(Self.transportPool)
        var chain: [UInt8] = []
        if chance(favourEncapsulations ? 25 : 15) { (proto, chain) = headerChain(ipv6: false) }
        var header: [UInt8] = [0x45 + UInt8(optionWords), 0, 0, 0, 0, 0, 0, 0, 64, proto, 0, 0]
        header += pick(Self.ipv4Pool) + pick(Self.ipv4Pool)
        if chance(20) { header[6] = pick([0x20, 0x00, 0x01, 0x40]); header[7] = pick([0, 1, 0xff]) }
        header += bytes(optionWords * 4)
        var packet = header + (chain.isEmpty ? transport(proto) : chain)
        let total = UInt16(packet.count)
        packet[2...3] = Self.be16(total)[...]
        return packet
    }

    mutating func ipv6() -> [UInt8] {
        var next = pick(Self.transportPool)
        var extensions: [UInt8] = []
        if chance(30) {
            let (first, chain) = headerChain(ipv6: true)
            var header: [UInt8] = [0x60, 0, 0, 0] + Self.be16(UInt16(chain.count)) + [first, 64]
            header += pick(Self.ipv6Pool) + pick(Self.ipv6Pool)
            return header + chain
        }
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

    /// A chain of IPv6 extension headers (hop-by-hop, destination options, routing, fragment)
    /// and AH headers, ending in a transport header or "no next header"; the first protocol
    /// number and the bytes. AH lengths are sometimes small, which makes libpcap's walk revisit
    /// headers (its AH step sets the offset rather than adding to it).
    mutating func headerChain(ipv6: Bool) -> (UInt8, [UInt8]) {
        let count = Int(random.next() % 16)
        var kinds: [UInt8] = (0..<count).map { _ in ipv6 ? pick([0, 60, 43, 44, 51, 51]) : 51 }
        kinds.append(pick([6, 17, 58, 59, 1, 132, 44, 51]))
        var bytes: [UInt8] = []
        for (index, kind) in kinds.enumerated() {
            let next = index + 1 < kinds.count ? kinds[index + 1] : nil
            guard let next else { bytes += kind == 59 ? [] : transport(kind); break }
            if kind == 51 {
                let words = pick([UInt8(1), 2, 3, 4, 0, 7])  // length in 4-byte words minus 2
                bytes += [next, words, 0, 0] + self.bytes(Int(words) * 4 + 4)
            } else if kind == 44 {
                bytes += [next, 0] + self.bytes(6)
            } else {
                let units = pick([UInt8(0), 0, 1, 2])  // length in 8-byte units minus 1
                bytes += [next, units] + self.bytes(Int(units) * 8 + 6)
            }
        }
        return (kinds[0], bytes)
    }

    /// An MPLS label stack (bottom-of-stack bit usually right) over IP or random bytes.
    mutating func mplsStack() -> [UInt8] {
        let depth = Int(random.next() % 3) + 1
        var stack: [UInt8] = []
        for level in 0..<depth {
            let label = pick([UInt32(5), 3, 7, 0, 1_048_575, 100, 7, 100])
            var bottom: UInt32 = level == depth - 1 ? 1 : 0
            if chance(10) { bottom ^= 1 }
            let entry = label << 12 | UInt32(byte() & 0x0e) << 8 | bottom << 8 | 64
            stack += [UInt8(entry >> 24), UInt8(entry >> 16 & 0xff), UInt8(entry >> 8 & 0xff), UInt8(entry & 0xff)]
        }
        if chance(20) { return stack + geneveOverUDP().1 }
        return stack + (chance(45) ? ipv4() : (chance(80) ? ipv6() : bytes(Int(random.next() % 40))))
    }

    /// A Geneve header (version, option length, protocol, VNI, options) and its payload: an
    /// Ethernet frame (transparent bridging) or an IP packet.
    mutating func geneve() -> [UInt8] {
        let optionWords = pick([UInt8(0), 0, 1, 3])
        let version: UInt8 = chance(90) ? 0 : 0x40
        let bridged = chance(60)
        let type: UInt16 = bridged ? 0x6558 : pick([0x0800, 0x86dd, 0x8847])
        let vni = pick([UInt32(5), 7, 0, 0xff_ffff, 0x10005])
        var header = [version | optionWords, 0] + Self.be16(type)
        header += [UInt8(vni >> 16), UInt8(vni >> 8 & 0xff), UInt8(vni & 0xff), 0] + bytes(Int(optionWords) * 4)
        let inner: [UInt8]
        if bridged {
            inner = ethernet(payload: chance(15) ? (0x8847, mplsStack()) : ethernetPayload())
        } else {
            inner = type == 0x0800 ? ipv4() : (type == 0x86dd ? ipv6() : mplsStack())
        }
        return header + inner
    }

    /// UDP to the Geneve port over IPv4 or IPv6.
    mutating func geneveOverUDP() -> (UInt16, [UInt8]) {
        let payload = geneve()
        let udp = Self.be16(pick([1234, 6081])) + Self.be16(chance(90) ? 6081 : 6082) + Self.be16(UInt16(payload.count + 8)) + [0, 0] + payload
        if chance(50) {
            var header: [UInt8] = [0x45, 0, 0, 0, 0, 0, 0, 0, 64, 17, 0, 0] + pick(Self.ipv4Pool) + pick(Self.ipv4Pool)
            if chance(10) { header[6] = 0x20; header[7] = 1 }
            var packet = header + udp
            packet[2...3] = Self.be16(UInt16(packet.count))[...]
            return (0x0800, packet)
        }
        let header: [UInt8] = [0x60, 0, 0, 0] + Self.be16(UInt16(udp.count)) + [17, 64] + pick(Self.ipv6Pool) + pick(Self.ipv6Pool)
        return (0x86dd, header + udp)
    }

    mutating func arp() -> [UInt8] {
        [0, 1, 8, 0, 6, 4, 0, pick([1, 2, 3, 4])] + pick(Self.macPool) + pick(Self.ipv4Pool)
            + pick(Self.macPool) + pick(Self.ipv4Pool)
    }

    /// A DECnet routing header, short or long, with or without its pad byte, holding the
    /// table's address 1.2 (little-endian 0x0402) or a near miss.
    mutating func decnet() -> [UInt8] {
        let long = chance(50)
        var header = [UInt8](repeating: 0, count: long ? 21 : 7)
        header[0] = long ? 0x06 : 0x02
        for offset in long ? [7, 15] : [1, 3] where chance(60) {
            header[offset...offset + 1] = pick([[0x02, 0x04], [0x03, 0x04], [0x02, 0x05]])[...]
        }
        if chance(40) { header.insert(0x81, at: 0) }
        return Self.be16(UInt16(header.count)) + header + bytes(Int(random.next() % 8))
    }

    /// An OSI network header after the ISO SAP: CLNP, ES-IS or IS-IS, with an IS-IS PDU type.
    mutating func osi() -> [UInt8] {
        [pick([0x81, 0x82, 0x83, 0x83, 6]), 27, 1, 0, pick([15, 16, 17, 18, 20, 24, 25, 26, 27, 6])] + bytes(10)
    }

    /// A network-layer packet and its ethertype.
    mutating func network() -> (UInt16, [UInt8]) {
        if favourEncapsulations && chance(50) {
            return chance(40) ? (0x8847, mplsStack()) : geneveOverUDP()
        }
        return switch random.next() % 11 {
        case 0, 1, 2: (0x0800, ipv4())
        case 3, 4: (0x86dd, ipv6())
        case 5: (0x0806, arp())
        case 6: (0x8035, arp())
        case 7: (0x8847, mplsStack())
        case 8, 9: geneveOverUDP()
        default:
            chance(25) ? (0x6003, decnet())
                : (favourEncapsulations && chance(50) ? 100 : pick(Self.etherTypePool), bytes(Int(random.next() % 60)))
        }
    }

    mutating func ethernetPayload() -> (UInt16, [UInt8]) {
        var (type, payload) = network()
        if chance(10) {  // PPPoE session around the packet
            let ppp: UInt16 = type == 0x0800 ? 0x21 : (type == 0x86dd ? 0x57 : (type == 0x8847 ? 0x281 : type))
            payload = [0x11, 0] + Self.be16(pick([3, 7, 0x1234])) + Self.be16(UInt16(payload.count + 2))
                + Self.be16(ppp) + payload
            type = 0x8864
        } else if chance(favourEncapsulations ? 20 : 10) {  // 802.3 with LLC or SNAP
            let llc: [UInt8] = favourEncapsulations && chance(20) ? [0xfe, 0xfe, 3] : chance(50)
                ? [0xaa, 0xaa, 3, 0, 0, pick([0, 7])] + Self.be16(pick([0x8137, 0x809b, 0x80f3, 0x0800]))
                : [pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 100, 0xff, 100]), pick([0xe0, 0x06, 0xf0, 0xfe, 0x42, 0xff]),
                   pick(Self.llcControls)]
            if llc.first == 0xfe, chance(70) { payload = osi() }
            payload = llc + payload
            type = UInt16(min(payload.count, 1500))
        }
        return (type, payload)
    }

    mutating func ethernet() -> [UInt8] { ethernet(payload: ethernetPayload()) }

    /// An Ethernet frame around `payload`, sometimes with VLAN tags.
    mutating func ethernet(payload typed: (UInt16, [UInt8])) -> [UInt8] {
        var (type, payload) = typed
        let tags = chance(favourEncapsulations ? 45 : 30) ? Int(random.next() % 3) + 1 : 0
        for _ in 0..<tags {
            let tci = pick([UInt16(10), 3, 4095, 0x100a, 7])
            payload = Self.be16(tci) + Self.be16(type) + payload
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
            var proto: UInt16 = type == 0x0800 ? 0x21 : (type == 0x86dd ? 0x57 : type)
            if type == 0x8847 { proto = 0x281 }
            packet = [0xff, 0x03] + Self.be16(proto) + payload
        case .linuxCooked:
            let (type, payload) = ethernetPayload()
            packet = Self.be16(UInt16(pick([0, 1, 2, 3, 4]))) + [0, 1, 0, 6] + pick(Self.macPool) + [0, 0]
                + Self.be16(chance(10) ? pick([1, 4]) : type) + payload
        case .ieee80211: packet = wirelessFrame()
        case .ieee80211Radiotap: packet = radiotapFrame()
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
