/// Reads a capture file of either format, chosen by its first bytes as libpcap's
/// `pcap_open_offline` chooses: a pcap magic number, or a pcapng section header.
///
/// The reader streams from a path, standard input (`-`), or bytes in memory. Packets come
/// as views lent until the next read (`nextPacketView()`, no allocation per packet) or as
/// owned copies (`next()`). It is a class because it owns an input stream and a position.
public final class CaptureFileReader {
    /// The format-specific reader underneath.
    public enum Format {
        /// A pcap file.
        case pcap(PcapReader)
        /// A pcapng file.
        case pcapng(PcapngReader)
    }

    /// The reader for the detected format.
    public let format: Format

    /// Opens the capture file at `path` (`-` reads standard input).
    public convenience init(path: String) throws(CaptureFileError) {
        try self.init(source: ByteSource.open(path: path))
    }

    /// Reads a capture file held in memory.
    public convenience init(bytes: [UInt8]) throws(CaptureFileError) {
        try self.init(source: ByteSource(bytes: bytes))
    }

    private init(source: ByteSource) throws(CaptureFileError) {
        let have = try source.fill(4)
        guard have >= 4 else { throw CaptureFileError(.truncatedFileHeader(expected: 4, got: have), at: 0) }
        let magic = source.bytes(4).loadUnaligned(as: UInt32.self)
        if PcapReader.recognizes(magic: magic) {
            format = .pcap(try PcapReader(source: source))
        } else if magic == PcapngReader.sectionHeaderType {
            format = .pcapng(try PcapngReader(source: source))
        } else {
            throw CaptureFileError(.unknownFormat, at: 0)
        }
    }

    /// The link type of the file (pcapng: of its first interface), as libpcap reports it.
    public var linkType: LinkType {
        switch format {
        case .pcap(let reader): reader.linkType
        case .pcapng(let reader): reader.firstInterface.linkType
        }
    }

    /// The pcap header's whole link-type field (FCS bits included), which a pcap file
    /// written from these packets carries over, as `pcap_dump_open` does.
    public var linkTypeField: LinkTypeField {
        switch format {
        case .pcap(let reader): reader.linkTypeField
        case .pcapng(let reader): LinkTypeField(linkType: reader.firstInterface.linkType)
        }
    }

    /// The snapshot length libpcap reports for the file (pcapng: of its first interface).
    public var snapshotLength: UInt32 {
        switch format {
        case .pcap(let reader): reader.snapshotLength
        case .pcapng(let reader): reader.firstInterface.effectiveSnapshotLength
        }
    }

    /// The timestamp precision that keeps the file's timestamps (pcapng: of its first
    /// interface): what a pcap file written from these packets should use.
    public var precision: TimestampPrecision {
        switch format {
        case .pcap(let reader): reader.precision
        case .pcapng(let reader): reader.firstInterface.precision
        }
    }

    /// Whether the file (pcapng: its current section) is in the opposite byte order.
    public var isByteSwapped: Bool {
        switch format {
        case .pcap(let reader): reader.isByteSwapped
        case .pcapng(let reader): reader.isByteSwapped
        }
    }

    /// The next packet, lent until the next call, or nil at the end of the file.
    @inline(__always)
    public func nextPacketView() throws(CaptureFileError) -> PacketView? {
        switch format {
        case .pcap(let reader): try reader.nextPacketView()
        case .pcapng(let reader): try reader.nextPacketView()
        }
    }

    /// The next packet as an owned copy, or nil at the end of the file.
    public func next() throws(CaptureFileError) -> CapturedPacket? {
        try nextPacketView()?.copy()
    }
}
