/// The bytes of the lines being printed; appends without building intermediate Strings,
/// because printing is the hot loop of `swiftdump -r`.
struct TextBuffer {
    var bytes: [UInt8] = []

    @inline(__always)
    mutating func write(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Text computed at run time (names); literals take the `StaticString` path, which
    /// copies without decoding a String.
    mutating func write(string text: String) {
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
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { scratch in
            var start = scratch.count
            while v > 0 {
                start -= 1
                scratch[start] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[start...]))
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
        let v = UInt64(truncatingIfNeeded: value)
        var digits = 1
        var scale: UInt64 = 10
        while digits < 20 && v >= scale {
            digits += 1
            scale = scale.multipliedReportingOverflow(by: 10).partialValue
        }
        if width > digits { bytes.append(contentsOf: repeatElement(0x30, count: width - digits)) }
        decimal(v)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Lower-case hexadecimal, at least `width` digits.
    mutating func hex<T: BinaryInteger>(_ value: T, width: Int = 1) {
        let v = UInt64(truncatingIfNeeded: value)
        let significant = v == 0 ? 1 : (67 - v.leadingZeroBitCount) / 4
        var shift = max(significant, width) * 4
        while shift > 0 {
            shift -= 4
            bytes.append(Self.hexDigits[Int(shift < 64 ? v >> UInt64(shift) & 0xf : 0)])
        }
    }

    /// Two lower-case hexadecimal digits.
    @inline(__always)
    mutating func hexByte(_ value: UInt8) {
        bytes.append(Self.hexDigits[Int(value >> 4)])
        bytes.append(Self.hexDigits[Int(value & 0xf)])
    }
}
