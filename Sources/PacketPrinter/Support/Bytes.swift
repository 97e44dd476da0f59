/// A bounds-checked window on captured bytes: every read past the captured end throws
/// `Truncated`, which the protocol printer turns into tcpdump's `[|proto]` mark.
struct Bytes {
    let base: UnsafeRawBufferPointer
    /// The first byte of this window within `base`.
    let start: Int
    /// The number of captured bytes in this window.
    let count: Int

    init(_ base: UnsafeRawBufferPointer) {
        self.base = base
        start = 0
        count = base.count
    }

    private init(base: UnsafeRawBufferPointer, start: Int, count: Int) {
        self.base = base
        self.start = start
        self.count = count
    }

    /// Whether `length` bytes from `offset` were captured.
    @inline(__always)
    func has(_ offset: Int, _ length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    @inline(__always)
    func u8(_ offset: Int) throws(Truncated) -> UInt8 {
        guard has(offset, 1) else { throw Truncated() }
        return base[start + offset]
    }

    @inline(__always)
    func u16(_ offset: Int) throws(Truncated) -> UInt16 {
        guard has(offset, 2) else { throw Truncated() }
        return UInt16(base[start + offset]) << 8 | UInt16(base[start + offset + 1])
    }

    @inline(__always)
    func u24(_ offset: Int) throws(Truncated) -> UInt32 {
        guard has(offset, 3) else { throw Truncated() }
        let i = start + offset
        return UInt32(base[i]) << 16 | UInt32(base[i + 1]) << 8 | UInt32(base[i + 2])
    }

    @inline(__always)
    func u32(_ offset: Int) throws(Truncated) -> UInt32 {
        guard has(offset, 4) else { throw Truncated() }
        let i = start + offset
        return UInt32(base[i]) << 24 | UInt32(base[i + 1]) << 16 | UInt32(base[i + 2]) << 8 | UInt32(base[i + 3])
    }

    /// A 16-bit value in little-endian order (host-order link headers).
    func u16LE(_ offset: Int) throws(Truncated) -> UInt16 {
        try u16(offset).byteSwapped
    }

    func u32LE(_ offset: Int) throws(Truncated) -> UInt32 {
        try u32(offset).byteSwapped
    }

    /// Throws unless `length` bytes from `offset` were captured.
    @inline(__always)
    func require(_ offset: Int, _ length: Int) throws(Truncated) {
        guard has(offset, length) else { throw Truncated() }
    }

    /// The bytes from `offset` on (empty when `offset` is past the end).
    func from(_ offset: Int) -> Bytes {
        let skip = max(0, min(offset, count))
        return Bytes(base: base, start: start + skip, count: count - skip)
    }

    /// At most `length` bytes of this window.
    func prefix(_ length: Int) -> Bytes {
        Bytes(base: base, start: start, count: max(0, min(length, count)))
    }

    /// The byte at `offset`, or nil when it was not captured.
    func byte(_ offset: Int) -> UInt8? {
        has(offset, 1) ? base[start + offset] : nil
    }
}

/// A read past the captured bytes.
struct Truncated: Error {}
