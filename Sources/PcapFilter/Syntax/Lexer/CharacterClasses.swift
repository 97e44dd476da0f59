/// Byte classes of libpcap's scanner patterns.
extension UInt8 {
    var isDecimalDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool {
        isDecimalDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66)
    }
    var isLetterOrDigit: Bool {
        isDecimalDigit || (self >= 0x41 && self <= 0x5a) || (self >= 0x61 && self <= 0x7a)
    }
    /// `[-_.A-Za-z0-9]`, the inside of a name.
    var isNameInterior: Bool { isLetterOrDigit || self == 0x2d || self == 0x5f || self == 0x2e }
    /// `[ \r\n\t]`, what the scanner skips.
    var isFilterWhitespace: Bool { self == 0x20 || self == 0x0d || self == 0x0a || self == 0x09 }

    var hexValue: UInt8 {
        if isDecimalDigit { return self &- 0x30 }
        if self >= 0x61 { return self &- 0x61 &+ 10 }
        return self &- 0x41 &+ 10
    }
}

/// Bounds-checked reads over the expression's bytes.
struct ByteCursor {
    let bytes: [UInt8]

    subscript(_ index: Int) -> UInt8? {
        index >= 0 && index < bytes.count ? bytes[index] : nil
    }

    /// The length of the run of bytes from `start` satisfying `test`, at most `limit`.
    func run(from start: Int, limit: Int = .max, _ test: (UInt8) -> Bool) -> Int {
        var length = 0
        while length < limit, let byte = self[start + length], test(byte) { length += 1 }
        return length
    }

    func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[max(0, start)..<min(end, bytes.count)], as: UTF8.self)
    }
}
