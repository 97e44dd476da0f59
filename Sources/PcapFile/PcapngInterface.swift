/// Limits libpcap 1.10.3 puts on pcapng blocks so a corrupt length cannot make it allocate
/// gigabytes.
enum PcapngLimits {
    /// The largest first section header block (`BT_SHB_INSANE_MAX`).
    static let sectionHeaderMaximum: UInt32 = 1024 * 1024
    /// The largest block before any interface raises the limit (`INITIAL_MAX_BLOCKSIZE`).
    static let initialBlockMaximum: UInt32 = 16 * 1024 * 1024

    /// The largest block for an interface's link type: an enhanced packet block holding a
    /// maximal packet plus 128 KiB of options.
    static func blockMaximum(for linkType: LinkType) -> UInt32 {
        8 + 20 + linkType.maximumSnapshotLength + 131_072 + 4
    }
}

/// The units of an interface's timestamps (its `if_tsresol` option): a power of ten or
/// of two per second.
public struct PcapngTimestampResolution: Hashable, Sendable {
    /// Timestamp ticks per second.
    public var ticksPerSecond: UInt64
    /// Whether `ticksPerSecond` is a power of two (else a power of ten).
    public var isBinary: Bool

    /// Microseconds, the default when an interface has no `if_tsresol`.
    public static let microseconds = PcapngTimestampResolution(ticksPerSecond: 1_000_000, isBinary: false)
}

/// An interface description block: what the packets that name it carry and how to read
/// their timestamps.
public struct PcapngInterface: Hashable, Sendable {
    /// The link-layer header type of the interface's packets.
    public var linkType: LinkType
    /// The snapshot length as the block gives it (0 means none).
    public var snapshotLength: UInt32
    /// The timestamp units (`if_tsresol`).
    public var timestampResolution: PcapngTimestampResolution
    /// Seconds added to every timestamp (`if_tsoffset`).
    public var timestampOffset: Int64

    /// The captured-length limit libpcap applies to the interface's packets.
    public var effectiveSnapshotLength: UInt32 { linkType.effectiveSnapshotLength(snapshotLength) }

    /// The precision a pcap file needs to keep this interface's timestamps.
    public var precision: TimestampPrecision {
        timestampResolution.ticksPerSecond > 1_000_000 ? .nanoseconds : .microseconds
    }

    /// Parses an interface description block's body (after the block header).
    init(body: UnsafeRawBufferPointer, order: ByteOrder) throws(CaptureFileError.Reason) {
        guard body.count >= 8 else { throw .blockTooShort(blockType: 1) }
        linkType = LinkType(rawValue: UInt32(order.u16(body, 0)))
        snapshotLength = order.u32(body, 4)
        timestampResolution = .microseconds
        timestampOffset = 0
        var cursor = 8
        var sawResolution = false, sawOffset = false
        while cursor < body.count {
            guard body.count - cursor >= 4 else { throw .blockTooShort(blockType: 1) }
            let code = order.u16(body, cursor), length = order.u16(body, cursor + 2)
            let padded = (Int(length) + 3) & ~3
            cursor += 4
            guard body.count - cursor >= padded else { throw .blockTooShort(blockType: 1) }
            switch code {
            case 0:  // opt_endofopt
                guard length == 0 else { throw .invalidInterfaceOption(.endOfOptionsLength(length)) }
                return
            case 9:  // if_tsresol
                guard length == 1 else { throw .invalidInterfaceOption(.timestampResolutionLength(length)) }
                guard !sawResolution else { throw .invalidInterfaceOption(.duplicateTimestampResolution) }
                sawResolution = true
                timestampResolution = try Self.resolution(body[cursor])
            case 14:  // if_tsoffset
                guard length == 8 else { throw .invalidInterfaceOption(.timestampOffsetLength(length)) }
                guard !sawOffset else { throw .invalidInterfaceOption(.duplicateTimestampOffset) }
                sawOffset = true
                timestampOffset = Int64(bitPattern: order.u64(body, cursor))
            default:
                break
            }
            cursor += padded
        }
    }

    /// Creates an interface description.
    public init(linkType: LinkType, snapshotLength: UInt32,
                timestampResolution: PcapngTimestampResolution = .microseconds, timestampOffset: Int64 = 0) {
        self.linkType = linkType
        self.snapshotLength = snapshotLength
        self.timestampResolution = timestampResolution
        self.timestampOffset = timestampOffset
    }

    private static func resolution(_ value: UInt8) throws(CaptureFileError.Reason) -> PcapngTimestampResolution {
        if value & 0x80 != 0 {
            let shift = value & 0x7F
            guard shift <= 63 else { throw .invalidInterfaceOption(.binaryResolutionTooHigh(shift)) }
            return PcapngTimestampResolution(ticksPerSecond: 1 << UInt64(shift), isBinary: true)
        }
        // 10^19 is the largest power of ten a UInt64 holds.
        guard value <= 19 else { throw .invalidInterfaceOption(.decimalResolutionTooHigh(value)) }
        var ticks: UInt64 = 1
        for _ in 0..<value { ticks &*= 10 }
        return PcapngTimestampResolution(ticksPerSecond: ticks, isBinary: false)
    }

    /// The time of a packet whose 64-bit timestamp counts `ticks`, with libpcap's unsigned
    /// wrapping arithmetic (so corrupt values give libpcap's times, not traps).
    func timestamp(ticks: UInt64) -> Timestamp {
        let perSecond = timestampResolution.ticksPerSecond
        let seconds = ticks / perSecond &+ UInt64(bitPattern: timestampOffset)
        var fraction = ticks % perSecond
        if timestampResolution.isBinary {
            fraction = (fraction &* 1_000_000_000) / perSecond
        } else if perSecond > 1_000_000_000 {
            fraction /= perSecond / 1_000_000_000
        } else {
            fraction &*= 1_000_000_000 / perSecond
        }
        return Timestamp(seconds: Int64(bitPattern: seconds), nanoseconds: UInt32(truncatingIfNeeded: fraction))
    }
}
