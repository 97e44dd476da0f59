/// The bytes of the lines being printed; appends without building intermediate Strings,
/// because printing is the hot loop of `swiftdump -r`.
struct TextBuffer {
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    @inline(__always)
    mutating func write(byte: UInt8) {
        bytes.append(byte)
    }

    /// An unsigned decimal number.
    mutating func decimal<T: BinaryInteger>(_ value: T) {
        var v = UInt64(truncatingIfNeeded: value)
        if v < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: v))
            return
        }
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            while v > 0 {
                scratch[count] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                bytes.append(scratch[count])
            }
        }
    }

    /// A signed decimal number.
    mutating func signed<T: BinaryInteger>(_ value: T) {
        let v = Int64(truncatingIfNeeded: value)
        if v < 0 {
            write(byte: 0x2d)
            decimal(UInt64(truncatingIfNeeded: 0 &- v))
        } else {
            decimal(UInt64(v))
        }
    }

    /// A decimal number padded with zeros to `width` digits.
    mutating func decimal<T: BinaryInteger>(_ value: T, width: Int) {
        var v = UInt64(truncatingIfNeeded: value)
        var digits = [UInt8](repeating: 0x30, count: 20)
        var i = 20
        while v > 0 && i > 0 {
            i -= 1
            digits[i] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
        let used = 20 - i
        let shown = max(used, width)
        bytes.append(contentsOf: digits[(20 - shown)...])
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hexadecimal, at least `width` digits.
    mutating func hex<T: BinaryInteger>(_ value: T, width: Int = 1) {
        var v = UInt64(truncatingIfNeeded: value)
        var digits: [UInt8] = []
        while v > 0 || digits.count < width {
            digits.append(Self.hexDigits[Int(v & 0xf)])
            v >>= 4
        }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Two lower-case hexadecimal digits.
    @inline(__always)
    mutating func hexByte(_ value: UInt8) {
        bytes.append(Self.hexDigits[Int(value >> 4)])
        bytes.append(Self.hexDigits[Int(value & 0xf)])
    }
}
