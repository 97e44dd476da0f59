extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xff))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        appendBigEndian(UInt16(value >> 16))
        appendBigEndian(UInt16(value & 0xffff))
    }
}

/// The Internet checksum (RFC 1071) over `bytes`, starting from a partial sum.
func internetChecksum(_ bytes: [UInt8], partialSum: UInt32 = 0) -> UInt16 {
    var sum = partialSum
    var index = 0
    while index + 1 < bytes.count {
        sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
        index += 2
    }
    if index < bytes.count {
        sum += UInt32(bytes[index]) << 8
    }
    while sum > 0xffff {
        sum = (sum & 0xffff) + (sum >> 16)
    }
    return ~UInt16(sum)
}

/// The sum of 16-bit words of `bytes` (even length), for pseudo-headers.
func wordSum(_ bytes: [UInt8]) -> UInt32 {
    stride(from: 0, to: bytes.count - 1, by: 2).reduce(UInt32(0)) {
        $0 + (UInt32(bytes[$1]) << 8 | UInt32(bytes[$1 + 1]))
    }
}
