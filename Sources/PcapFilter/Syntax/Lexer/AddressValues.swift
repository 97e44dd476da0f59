/// Converts the text of address tokens to bytes, with the checks libpcap applies after
/// the scanner has matched the pattern.
enum AddressValues {
    /// The bytes of a MAC token's text (any of its five spellings).
    static func macBytes(_ text: [UInt8]) -> [UInt8] {
        let digits = text.filter { $0.isHexDigit }
        if text.count == 12 || text.count == 14 {
            // `{B2}{3}` or `{B2}.{B2}.{B2}`: pairs of hex digits.
            if digits.count == 12 {
                return stride(from: 0, to: 12, by: 2).map { digits[$0].hexValue << 4 | digits[$0 + 1].hexValue }
            }
        }
        // Six one- or two-digit groups.
        var groups: [UInt8] = []
        var current: UInt8 = 0
        for byte in text {
            if byte.isHexDigit {
                current = current &<< 4 | byte.hexValue
            } else {
                groups.append(current)
                current = 0
            }
        }
        groups.append(current)
        return groups
    }

    /// The 16 bytes of IPv6 text the scanner matched, or `nil` where `getaddrinfo`
    /// (glibc's `inet_pton`) refuses it: only the IPv4 tail can be wrong once the pattern
    /// matched (a part above 255, a leading zero, or a hex part).
    static func ipv6Bytes(_ text: [UInt8]) -> [UInt8]? {
        var words: [UInt16] = []
        var gap: Int?
        var tail: [UInt8] = []
        var index = 0
        if text.starts(with: [0x3a, 0x3a]) {
            gap = 0
            index = 2
        }
        while index < text.count {
            var end = index
            while end < text.count, text[end] != 0x3a { end += 1 }
            let piece = Array(text[index..<end])
            if piece.contains(0x2e) {
                guard let v4 = strictIPv4(piece) else { return nil }
                tail = v4
                index = end
                break
            }
            let word = piece.reduce(UInt16(0)) { $0 &<< 4 | UInt16($1.hexValue) }
            words.append(word)
            index = end
            if index < text.count {
                index += 1
                if index < text.count, text[index] == 0x3a {
                    gap = words.count
                    index += 1
                }
            }
        }
        var bytes = words.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } + tail
        if let gap {
            let missing = 16 - bytes.count
            guard missing >= 0 else { return nil }
            bytes.insert(contentsOf: [UInt8](repeating: 0, count: missing), at: gap * 2)
        }
        return bytes.count == 16 ? bytes : nil
    }

    /// glibc `inet_pton4`: four decimal parts, each at most 255, no leading zeros.
    private static func strictIPv4(_ text: [UInt8]) -> [UInt8]? {
        let parts = text.split(separator: 0x2e, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isDecimalDigit) else { return nil }
            if part.count > 1, part.first == 0x30 { return nil }
            let value = part.reduce(0) { $0 * 10 + Int($1 &- 0x30) }
            guard value <= 255 else { return nil }
            bytes.append(UInt8(value))
        }
        return bytes
    }

    /// libpcap's `__pcap_atoin`: decimal parts, each at most 255; `nil` means
    /// `invalid IPv4 address`.
    static func ipv4(_ text: String) -> IPv4Address? {
        let parts = Array(text.utf8).split(separator: 0x2e, omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.allSatisfy(\.isDecimalDigit) else { return nil }
            var value = 0
            for digit in part {
                value = value * 10 + Int(digit &- 0x30)
                if value > 255 { return nil }
            }
            bytes.append(UInt8(value))
        }
        return IPv4Address(text: text, parts: bytes)
    }
}
