import BPF

/// Loads and comparisons at a layer's offset, the building blocks of every primitive
/// (libpcap's `gen_cmp`, `gen_mcmp`, `gen_bcmp`).
extension LayerOffset {
    /// Instructions leaving the `size`-byte big-endian value at `self + offset` in A.
    func load(_ size: LoadSize, at offset: UInt32) -> [Instruction] {
        if let cell = variable {
            return [.loadXScratch(cell: cell.index), .loadIndirect(size, offset: constant &+ offset)]
        }
        return [.loadAbsolute(size, offset: constant &+ offset)]
    }

    /// X ← the length of the IPv4 header here, plus this offset's variable part: X + constant
    /// is then the transport header (libpcap's `gen_loadx_iphdrlen`).
    func loadXIPv4HeaderLength() -> [Instruction] {
        guard let cell = variable else { return [.loadXIPHeaderLength(offset: constant)] }
        return [.loadXScratch(cell: cell.index), .loadIndirect(.byte, offset: constant), .alu(.and, .constant(0xf)),
                .alu(.leftShift, .constant(2)), .alu(.add, .x), .tax]
    }

    /// `(value at offset) & mask == k`.
    func compare(_ size: LoadSize, at offset: UInt32, _ k: UInt32, mask: UInt32 = 0xffff_ffff) -> Predicate {
        compare(size, at: offset, .equal, k, mask: mask)
    }

    /// `(value at offset) & mask  condition  k`; no `and` when the mask is all ones.
    func compare(
        _ size: LoadSize, at offset: UInt32, _ condition: JumpCondition, _ k: UInt32,
        mask: UInt32 = 0xffff_ffff
    ) -> Predicate {
        var statements = load(size, at: offset)
        if mask != 0xffff_ffff { statements.append(.alu(.and, .constant(mask))) }
        return .compare(statements, condition, k)
    }

    /// Equality of the bytes at `offset` with `bytes`, compared in words from the end, as
    /// libpcap's `gen_bcmp` does (so its loads happen in the same order).
    func compareBytes(at offset: UInt32, _ bytes: [UInt8]) -> Predicate {
        var remaining = bytes.count
        var parts: [Predicate] = []
        func value(_ slice: ArraySlice<UInt8>) -> UInt32 { slice.reduce(0) { $0 << 8 | UInt32($1) } }
        while remaining >= 4 {
            parts.append(compare(.word, at: offset &+ UInt32(remaining - 4), value(bytes[(remaining - 4)..<remaining])))
            remaining -= 4
        }
        while remaining >= 2 {
            parts.append(compare(.half, at: offset &+ UInt32(remaining - 2), value(bytes[(remaining - 2)..<remaining])))
            remaining -= 2
        }
        if remaining > 0 { parts.append(compare(.byte, at: offset, UInt32(bytes[0]))) }
        return .all(parts)
    }
}
