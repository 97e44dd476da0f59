/// TCP header flag bits.
public struct TCPFlags: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
}

/// The addresses a transport checksum covers.
public enum PseudoHeader: Sendable {
    case ipv4(IPv4Address, IPv4Address)
    case ipv6(IPv6Address, IPv6Address)

    func sum(protocol proto: IPProtocol, length: Int) -> UInt32 {
        switch self {
        case let .ipv4(source, destination):
            wordSum(source.octets + destination.octets) + UInt32(proto.rawValue) + UInt32(length)
        case let .ipv6(source, destination):
            wordSum(source.octets + destination.octets) + UInt32(proto.rawValue) + UInt32(length)
        }
    }
}

/// Builders for TCP, UDP, ICMP and ICMPv6 with correct checksums.
public enum TransportLayer {
    public static func tcp(
        _ pseudo: PseudoHeader, sourcePort: UInt16, destinationPort: UInt16,
        sequence: UInt32, acknowledgement: UInt32 = 0, flags: TCPFlags,
        window: UInt16 = 64240, payload: [UInt8] = []
    ) -> [UInt8] {
        var segment: [UInt8] = []
        segment.appendBigEndian(sourcePort)
        segment.appendBigEndian(destinationPort)
        segment.appendBigEndian(sequence)
        segment.appendBigEndian(acknowledgement)
        segment += [0x50, flags.rawValue]
        segment.appendBigEndian(window)
        segment += [0, 0, 0, 0]
        segment += payload
        return withChecksum(segment, at: 16, seed: pseudo.sum(protocol: .tcp, length: segment.count))
    }

    public static func udp(
        _ pseudo: PseudoHeader, sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]
    ) -> [UInt8] {
        var datagram: [UInt8] = []
        datagram.appendBigEndian(sourcePort)
        datagram.appendBigEndian(destinationPort)
        datagram.appendBigEndian(UInt16(8 + payload.count))
        datagram += [0, 0] + payload
        return withChecksum(datagram, at: 6, seed: pseudo.sum(protocol: .udp, length: datagram.count))
    }

    /// An ICMP echo request (type 8) or reply (type 0).
    public static func icmpEcho(isReply: Bool, identifier: UInt16, sequence: UInt16, payload: [UInt8]) -> [UInt8] {
        var message: [UInt8] = [isReply ? 0 : 8, 0, 0, 0]
        message.appendBigEndian(identifier)
        message.appendBigEndian(sequence)
        return withChecksum(message + payload, at: 2, seed: 0)
    }

    /// An ICMP error (destination unreachable, time exceeded, …) quoting `quoted`, the start
    /// of the IP packet that caused it; `word` is the type's second header word (next-hop MTU,
    /// gateway, pointer).
    public static func icmpError(type: UInt8, code: UInt8, word: UInt32 = 0, quoting quoted: [UInt8]) -> [UInt8] {
        var message: [UInt8] = [type, code, 0, 0]
        message.appendBigEndian(word)
        return withChecksum(message + quoted, at: 2, seed: 0)
    }

    /// An ICMPv6 echo request (type 128) or reply (type 129).
    public static func icmpv6Echo(
        _ pseudo: PseudoHeader, isReply: Bool, identifier: UInt16, sequence: UInt16, payload: [UInt8]
    ) -> [UInt8] {
        var message: [UInt8] = [isReply ? 129 : 128, 0, 0, 0]
        message.appendBigEndian(identifier)
        message.appendBigEndian(sequence)
        message += payload
        return withChecksum(message, at: 2, seed: pseudo.sum(protocol: .icmpv6, length: message.count))
    }

    private static func withChecksum(_ bytes: [UInt8], at offset: Int, seed: UInt32) -> [UInt8] {
        var result = bytes
        let checksum = internetChecksum(bytes, partialSum: seed)
        result[offset] = UInt8(checksum >> 8)
        result[offset + 1] = UInt8(checksum & 0xff)
        return result
    }
}
