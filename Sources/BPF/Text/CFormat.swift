/// The few `printf` conversions libpcap's dump code uses, reproduced exactly so that our text
/// matches tcpdump's byte for byte without Foundation's `String(format:)`.
enum CFormat {
    /// `%d` of a C `int`.
    static func decimal(_ value: Int32) -> String {
        String(value)
    }

    /// `%u`.
    static func unsigned<T: UnsignedInteger>(_ value: T) -> String {
        String(value)
    }

    /// `%x`: lower-case hexadecimal without leading zeros.
    static func hex<T: BinaryInteger>(_ value: T) -> String {
        String(value, radix: 16, uppercase: false)
    }

    /// `%08x`: lower-case hexadecimal, zero-padded to eight digits.
    static func hex8(_ value: UInt32) -> String {
        let digits = hex(value)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// `%03d`: at least three characters, zeros inserted after the sign.
    static func decimal3(_ value: Int32) -> String {
        let magnitude = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        let width = 3 - sign.count
        return sign + String(repeating: "0", count: max(0, width - magnitude.count)) + magnitude
    }

    /// `%-Ns`: the text, padded with spaces on the right to `width` characters.
    static func leftAligned(_ text: String, width: Int) -> String {
        let count = text.utf8.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}
