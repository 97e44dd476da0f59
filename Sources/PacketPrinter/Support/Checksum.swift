/// Internet checksums for `-v`'s `cksum 0x… (correct)` and `[udp sum ok]`.
enum Checksum {
    /// The one's-complement checksum over a pseudo-header and `length` captured bytes; 0
    /// when the stored checksum is right.
    static func verify(pseudoHeader: [UInt8], _ data: Bytes, length: Int) -> UInt16 {
        var sum: UInt32 = 0
        var i = 0
        while i + 1 < pseudoHeader.count {
            sum &+= UInt32(pseudoHeader[i]) << 8 | UInt32(pseudoHeader[i + 1])
            i += 2
        }
        i = 0
        while i + 1 < length {
            sum &+= UInt32(data.byte(i) ?? 0) << 8 | UInt32(data.byte(i + 1) ?? 0)
            sum = (sum & 0xffff) &+ (sum >> 16)
            i += 2
        }
        if i < length { sum &+= UInt32(data.byte(i) ?? 0) << 8 }
        sum = (sum & 0xffff) &+ (sum >> 16)
        sum = (sum & 0xffff) &+ (sum >> 16)
        return ~UInt16(truncatingIfNeeded: sum)
    }

    /// Where the address an IPv6 checksum covers lies: the last address of a type 0 or 2
    /// routing header or the first of a segment routing header (RFC 8200 §8.1), found as tcpdump's `ip6_finddst` walks the options
    /// headers before it, else the header's destination.
    static func finalDestination(_ packet: Bytes) -> Int {
        guard var next = packet.byte(6) else { return 24 }
        var offset = 40
        while true {
            switch next {
            case 0, 60, 62, 135:
                guard let following = packet.byte(offset), let size = packet.byte(offset + 1) else { return 24 }
                next = following
                offset += (Int(size) + 1) * 8
            case 43:
                guard let size = packet.byte(offset + 1), let type = packet.byte(offset + 2) else { return 24 }
                switch type {
                case 0, 2:
                    guard size % 2 == 0, size > 0, packet.has(offset + 8, Int(size) * 8) else { return 24 }
                    return offset + 8 + (Int(size) / 2 - 1) * 16
                case 4:
                    // Segment routing lists the final destination first.
                    return packet.has(offset + 8, 16) ? offset + 8 : 24
                default:
                    return 24
                }
            default:
                return 24
            }
        }
    }

    /// The checksum the field should hold, from its value and the computed sum (RFC 1624),
    /// as tcpdump reports `incorrect -> 0x…`.
    static func shouldBe(_ stored: UInt16, _ computed: UInt16) -> UInt16 {
        var value = UInt32(stored) &+ UInt32(computed)
        value = (value & 0xffff) &+ (value >> 16)
        value = (value & 0xffff) &+ (value >> 16)
        return UInt16(truncatingIfNeeded: value)
    }

    /// The pseudo-header of a transport segment of `length` bytes and protocol `proto`.
    static func pseudoHeader(_ addresses: IPAddresses, proto: UInt8, length: Int) -> [UInt8] {
        let (offset, size) = addresses.isIPv6 ? (8, 32) : (12, 8)
        var header = (0..<size).map { addresses.data.byte(offset + $0) ?? 0 }
        if addresses.isIPv6 {
            let destination = finalDestination(addresses.data)
            for i in 0..<16 { header[16 + i] = addresses.data.byte(destination + i) ?? 0 }
        }
        if addresses.isIPv6 {
            header += [UInt8(truncatingIfNeeded: length >> 24), UInt8(truncatingIfNeeded: length >> 16),
                       UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length), 0, 0, 0, proto]
        } else {
            header += [0, proto, UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length)]
        }
        return header
    }
}
