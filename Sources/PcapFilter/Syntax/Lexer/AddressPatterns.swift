/// The scanner's address patterns: each returns the length of its longest match at a
/// position, or 0, exactly as flex would match the corresponding rule of scanner.l.
extension ByteCursor {
    /// `{N}`: decimal digits, or `0x`/`0X` and hex digits.
    func numberLength(at start: Int) -> Int {
        if self[start] == 0x30, let x = self[start + 1], x == 0x78 || x == 0x58 {
            let hex = run(from: start + 2) { $0.isHexDigit }
            if hex > 0 { return 2 + hex }
        }
        return run(from: start) { $0.isDecimalDigit }
    }

    /// `{N}\.{N}` up to four parts, at least `minimumParts`; the match length or 0.
    func dottedLength(at start: Int, minimumParts: Int, maximumParts: Int) -> Int {
        var end = start + numberLength(at: start)
        if end == start { return 0 }
        var parts = 1
        var best = minimumParts <= 1 ? end : 0
        while parts < maximumParts, self[end] == 0x2e {
            let next = numberLength(at: end + 1)
            if next == 0 { break }
            end += 1 + next
            parts += 1
            if parts >= minimumParts { best = end }
        }
        return best == 0 ? 0 : best - start
    }

    /// `{B}` separated by `separator`, exactly `groups` groups of one or two hex digits.
    private func byteGroupsLength(at start: Int, groups: Int, separator: UInt8) -> Int {
        var index = start
        for group in 0..<groups {
            let digits = run(from: index, limit: 2) { $0.isHexDigit }
            if digits == 0 { return 0 }
            index += digits
            if group < groups - 1 {
                if self[index] != separator { return 0 }
                index += 1
            }
        }
        return index - start
    }

    /// `{MAC}`: the five spellings of a MAC address.
    func macLength(at start: Int) -> Int {
        var best = 0
        for separator: UInt8 in [0x3a, 0x2d, 0x2e] {
            best = max(best, byteGroupsLength(at: start, groups: 6, separator: separator))
        }
        // {B2}\.{B2}\.{B2}
        var index = start
        var dotted = true
        for group in 0..<3 {
            if run(from: index, limit: 4, { $0.isHexDigit }) != 4 { dotted = false; break }
            index += 4
            if group < 2 {
                if self[index] != 0x2e { dotted = false; break }
                index += 1
            }
        }
        if dotted { best = max(best, index - start) }
        // {B2}{3}
        if run(from: start, limit: 12, { $0.isHexDigit }) == 12 { best = max(best, 12) }
        return best
    }

    /// `{B}:+({B}:+)+`, the rule that reports a bogus ethernet address.
    func colonRunLength(at start: Int) -> Int {
        var index = start
        var groups = 0
        var best = 0
        while true {
            let digits = run(from: index, limit: 2) { $0.isHexDigit }
            if digits == 0 || self[index + digits] != 0x3a { break }
            index += digits
            index += run(from: index) { $0 == 0x3a }
            groups += 1
            if groups >= 2 { best = index - start }
        }
        return best
    }

    /// `{W}` groups joined by single colons, `count` of them; the end index or nil.
    private func wordGroups(at start: Int, count: Int, trailingColon: Bool) -> Int? {
        var index = start
        for group in 0..<count {
            let digits = run(from: index, limit: 4) { $0.isHexDigit }
            if digits == 0 { return nil }
            index += digits
            if group < count - 1 || trailingColon {
                if self[index] != 0x3a { return nil }
                index += 1
            }
        }
        return index
    }

    /// `{V6}`: every IPv6 form scanner.l lists; the longest match length or 0.
    func ipv6Length(at start: Int) -> Int {
        var best = 0
        func consider(_ end: Int?) { if let end { best = max(best, end - start) } }
        func ipv4Tail(at index: Int) -> Int? {
            let length = dottedLength(at: index, minimumParts: 4, maximumParts: 4)
            return length == 0 ? nil : index + length
        }
        // Eight groups, and six groups with an IPv4 tail.
        consider(wordGroups(at: start, count: 8, trailingColon: false))
        if let end = wordGroups(at: start, count: 6, trailingColon: true) { consider(ipv4Tail(at: end)) }
        // `a::b` forms with a + b groups (at most 7), and with an IPv4 tail (a + b at most 5).
        for before in 0...7 {
            let head: Int?
            if before == 0 {
                head = start
            } else {
                head = wordGroups(at: start, count: before, trailingColon: false)
            }
            guard let afterHead = head, self[afterHead] == 0x3a, self[afterHead + 1] == 0x3a else { continue }
            let tailStart = afterHead + 2
            for after in 0...(7 - before) {
                if after == 0 {
                    consider(tailStart)
                } else {
                    consider(wordGroups(at: tailStart, count: after, trailingColon: false))
                }
                if before + after <= 5 {
                    if after == 0 {
                        consider(ipv4Tail(at: tailStart))
                    } else if let end = wordGroups(at: tailStart, count: after, trailingColon: true) {
                        consider(ipv4Tail(at: end))
                    }
                }
            }
        }
        return best
    }
}
