/// Reads a pcap ("libpcap format") file record by record, streaming: it never needs more
/// of the file in memory than the largest record.
///
/// It accepts what libpcap 1.10.3 accepts — the microsecond and nanosecond magics in both
/// byte orders, Alexey Kuznetzov's patched format, versions 2.0–2.4 and 543.0 with their
/// swapped length fields — and fails where libpcap fails, with its message. Packets come
/// as lent views (`nextPacketView()`) or owned copies (`next()`).
///
/// It is a class because it owns an input stream and a position in it.
public final class PcapReader {
    /// The link type from the header's low 16 bits.
    public let linkType: LinkType
    /// The header's whole link-type field, FCS bits included.
    public let linkTypeField: LinkTypeField
    /// The snapshot length libpcap reports for the file: the header's value, or the link
    /// type's maximum when that value is 0 or above it.
    public let snapshotLength: UInt32
    /// The unit of the file's sub-second timestamp fields.
    public let precision: TimestampPrecision
    /// The file's format version (major, minor).
    public let version: (major: UInt16, minor: UInt16)
    /// Whether the file was written in the opposite byte order to this machine's.
    public var isByteSwapped: Bool { order.swapped }

    private let source: ByteSource
    private let order: ByteOrder
    private let recordHeaderSize: Int
    private let lengthsSwapped: LengthOrder
    /// The link type's sane record limit, looked up once rather than per record.
    private let maximumCaptureLength: UInt32

    /// How a version stores the captured and original lengths.
    private enum LengthOrder {
        case captureFirst, originalFirst, guess
    }

    /// The pcap magic numbers as read on a little-endian machine from a file written in
    /// either order: 0xa1b2c3d4 (µs), 0xa1b23c4d (ns), 0xa1b2cd34 (Kuznetzov, µs).
    static func recognizes(magic: UInt32) -> Bool {
        [0xa1b2_c3d4, 0xa1b2_3c4d, 0xa1b2_cd34].contains { magic == $0 || magic == UInt32($0).byteSwapped }
    }

    /// Opens the pcap file at `path` (`-` reads standard input).
    public convenience init(path: String) throws(CaptureFileError) {
        try self.init(source: ByteSource.open(path: path))
    }

    /// Reads a pcap file held in memory.
    public convenience init(bytes: [UInt8]) throws(CaptureFileError) {
        try self.init(source: ByteSource(bytes: bytes))
    }

    /// Reads the file header from the start of `source`.
    init(source: ByteSource) throws(CaptureFileError) {
        self.source = source
        let magicBytes = try source.fill(4)
        guard magicBytes >= 4 else {
            throw CaptureFileError(.truncatedFileHeader(expected: 4, got: magicBytes), at: 0)
        }
        var magic = source.bytes(4).loadUnaligned(as: UInt32.self)
        guard Self.recognizes(magic: magic) else { throw CaptureFileError(.unknownFormat, at: 0) }
        let swapped = (magic >> 16) != 0xa1b2
        if swapped { magic = magic.byteSwapped }
        order = ByteOrder(swapped: swapped)
        let have = try source.fill(24)
        guard have >= 24 else {
            // libpcap has read the magic already and counts only the rest.
            throw CaptureFileError(.truncatedFileHeader(expected: 24, got: have - 4), at: 0)
        }
        let header = source.bytes(24)
        let major = order.u16(header, 4), minor = order.u16(header, 6)
        guard major >= 2 else { throw CaptureFileError(.archaicVersion, at: 0) }
        guard (major == 2 && minor <= 4) || (major == 543 && minor == 0) else {
            throw CaptureFileError(.unsupportedPcapVersion(major: major, minor: minor), at: 0)
        }
        version = (major, minor)
        // Version 2.3 swapped the two length fields to match BPF's header; some 2.3 writers
        // did not, and DG/UX's 543.0 never did.
        lengthsSwapped = major == 543 || minor < 3 ? .originalFirst : (minor == 3 ? .guess : .captureFirst)
        linkTypeField = LinkTypeField(rawValue: order.u32(header, 20))
        linkType = linkTypeField.linkType
        maximumCaptureLength = linkType.maximumSnapshotLength
        var snapshot = linkType.effectiveSnapshotLength(order.u32(header, 16))
        precision = magic == 0xa1b2_3c4d ? .nanoseconds : .microseconds
        if magic == 0xa1b2_cd34 {
            // The patched libpcap added 8 bytes to each record header; its Ethernet captures
            // may hold a cooked-mode frame plus a faked 14-byte header.
            recordHeaderSize = 24
            if linkType == .ethernet { snapshot = snapshot <= UInt32(Int32.max) - 14 ? snapshot + 14 : UInt32(Int32.max) }
        } else {
            recordHeaderSize = 16
        }
        snapshotLength = snapshot
        source.consume(24)
    }

    /// The next packet, lent until the next call, or nil at the end of the file.
    ///
    /// A file that ends exactly after a record ends cleanly; one that ends inside a record
    /// throws, after every earlier packet has been returned.
    public func nextPacketView() throws(CaptureFileError) -> PacketView? {
        let recordOffset = source.offset
        let have = try source.fill(recordHeaderSize)
        if have < recordHeaderSize {
            if have == 0 { return nil }
            throw CaptureFileError(.truncatedRecordHeader(expected: recordHeaderSize, got: have), at: recordOffset)
        }
        let header = source.bytes(recordHeaderSize)
        let seconds = order.u32(header, 0), fraction = order.u32(header, 4)
        var captureLength = order.u32(header, 8), originalLength = order.u32(header, 12)
        switch lengthsSwapped {
        case .captureFirst: break
        case .guess where captureLength <= originalLength: break
        case .guess, .originalFirst: swap(&captureLength, &originalLength)
        }
        let maximum = maximumCaptureLength
        if captureLength > maximum {
            let reason: CaptureFileError.Reason = captureLength > snapshotLength
                ? .captureLengthExceedsSnapshot(captureLength: captureLength, snapshotLength: snapshotLength)
                : .captureLengthExceedsMaximum(captureLength: captureLength, maximum: maximum)
            throw CaptureFileError(reason, at: recordOffset)
        }
        source.consume(recordHeaderSize)
        let wanted = Int(captureLength)
        let got = try source.fill(wanted)
        // A record longer than the snapshot length is cut to it, as libpcap does, so no
        // caller ever sees more than the snapshot length.
        let kept = min(wanted, Int(snapshotLength))
        if got < wanted {
            let expected = got < kept ? UInt32(kept) : captureLength
            throw CaptureFileError(.truncatedPacketData(expected: expected, got: got), at: recordOffset)
        }
        let bytes = source.bytes(kept)
        source.consume(wanted)
        return PacketView(
            // Unsigned, as the format defines them (so times after 2038 work). libpcap 1.10.3
            // sign-extends them in files of this machine's byte order but not in swapped ones.
            timestamp: Timestamp(seconds: Int64(seconds), fraction: Int64(fraction), precision: precision),
            originalLength: originalLength, bytes: bytes, linkType: linkType, interfaceIndex: 0)
    }

    /// The next packet as an owned copy, or nil at the end of the file.
    public func next() throws(CaptureFileError) -> CapturedPacket? {
        try nextPacketView()?.copy()
    }
}
