/// A deterministic mix of Ethernet frames: IPv4 and IPv6 carrying TCP and UDP, 802.1Q
/// tagged IPv4, and ARP, with addresses and ports drawn so that every benchmark filter
/// matches some of them.
struct PacketSet {
    /// All frames back to back.
    let bytes: [UInt8]
    /// Where each frame starts in ``bytes`` and how long it is.
    let frames: [(offset: Int, length: Int)]

    init(count: Int) {
        var generator = LinearCongruential(state: 0x5EED)
        var bytes: [UInt8] = []
        var frames: [(offset: Int, length: Int)] = []
        for index in 0..<count {
            let frame = Self.frame(index: index, using: &generator)
            frames.append((bytes.count, frame.count))
            bytes += frame
        }
        self.bytes = bytes
        self.frames = frames
    }

    private static func frame(index: Int, using generator: inout LinearCongruential) -> [UInt8] {
        let host = UInt8(1 + generator.next() % 160)    // 10.0.0.1 … 10.0.0.160
        let port: UInt16 = generator.next() % 3 == 0 ? 80 : UInt16(1024 + generator.next() % 60000)
        let syn = generator.next() % 4 == 0
        let payload = Int(generator.next() % 200)
        switch index % 8 {
        case 0, 1, 2: return ethernet(0x0800, ipv4(source: host, protocol: 6, transport: tcp(port: port, syn: syn), payload: payload))
        case 3, 4: return ethernet(0x0800, ipv4(source: host, protocol: 17, transport: udp(port: port), payload: payload))
        case 5: return ethernet(0x86DD, ipv6(nextHeader: index % 16 == 5 ? 6 : 17,
                                             transport: index % 16 == 5 ? tcp(port: port, syn: syn) : udp(port: port), payload: payload))
        case 6: return vlan(ipv4(source: host, protocol: 17, transport: udp(port: port), payload: payload))
        default: return ethernet(0x0806, [0, 1, 8, 0, 6, 4, 0, 1] + Array(repeating: 0xAB, count: 20))
        }
    }

    private static func ethernet(_ type: UInt16, _ body: [UInt8]) -> [UInt8] {
        [0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10] + be16(type) + body
    }

    private static func vlan(_ ipv4: [UInt8]) -> [UInt8] {
        [0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10] + be16(0x8100) + be16(42) + be16(0x0800) + ipv4
    }

    private static func ipv4(source host: UInt8, protocol: UInt8, transport: [UInt8], payload: Int) -> [UInt8] {
        let total = 20 + transport.count + payload
        return [0x45, 0] + be16(UInt16(total)) + [0, 1, 0x40, 0, 64, `protocol`, 0, 0]
            + [10, 0, 0, host] + [10, 0, 1, 1] + transport + Array(repeating: 0x5A, count: payload)
    }

    private static func ipv6(nextHeader: UInt8, transport: [UInt8], payload: Int) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(UInt16(transport.count + payload)) + [nextHeader, 64]
            + Array(repeating: 0x20, count: 16) + Array(repeating: 0x21, count: 16)
            + transport + Array(repeating: 0x5A, count: payload)
    }

    private static func tcp(port: UInt16, syn: Bool) -> [UInt8] {
        be16(40000) + be16(port) + [0, 0, 0, 1, 0, 0, 0, 0, 0x50, syn ? 0x02 : 0x10] + be16(65535) + [0, 0, 0, 0]
    }

    private static func udp(port: UInt16) -> [UInt8] {
        be16(5353) + be16(port) + be16(8) + [0, 0]
    }

    private static func be16(_ value: UInt16) -> [UInt8] {
        [UInt8(value >> 8), UInt8(value & 0xFF)]
    }
}

/// A fixed-seed generator, so every run sees the same packets.
struct LinearCongruential {
    var state: UInt64

    mutating func next() -> UInt16 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt16(truncatingIfNeeded: state >> 33)
    }
}
