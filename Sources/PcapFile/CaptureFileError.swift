import Glibc

/// Why reading a capture file failed, and where: the reason plus the byte offset in the
/// file of the header, record or block that could not be read.
public struct CaptureFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var reason: Reason
    /// The byte offset, from the start of the file, of the structure being read.
    public var offset: UInt64

    /// Creates an error.
    public init(_ reason: Reason, at offset: UInt64) {
        self.reason = reason
        self.offset = offset
    }

    /// The one-line message for the user, in libpcap's words where libpcap has them.
    public var description: String { reason.description }

    /// The ways reading a capture file fails.
    public enum Reason: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file could not be opened (`open(2)` failed with this errno).
        case cannotOpen(path: String, errno: Int32)
        /// `read(2)` failed with this errno.
        case readFailed(errno: Int32)
        /// The first bytes are neither a pcap magic number nor a pcapng section header.
        case unknownFormat
        /// The file ended inside the file header (`expected` bytes wanted, `got` read).
        case truncatedFileHeader(expected: Int, got: Int)
        /// A pcap file whose major version predates 2.
        case archaicVersion
        /// A pcap version libpcap does not read (only 2.0–2.4 and DG/UX's 543.0).
        case unsupportedPcapVersion(major: UInt16, minor: UInt16)
        /// The file ended inside a pcap record header.
        case truncatedRecordHeader(expected: Int, got: Int)
        /// The file ended inside a pcap record's packet bytes.
        case truncatedPacketData(expected: UInt32, got: Int)
        /// A record's captured length exceeds the snapshot length and the sane maximum.
        case captureLengthExceedsSnapshot(captureLength: UInt32, snapshotLength: UInt32)
        /// A record's captured length exceeds the sane maximum for its link type.
        case captureLengthExceedsMaximum(captureLength: UInt32, maximum: UInt32)
        /// The file ended inside a pcapng block.
        case truncatedBlock(expected: Int, got: Int)
        /// A pcapng section header block too short or implausibly long.
        case invalidSectionHeaderLength(UInt32)
        /// A pcapng version libpcap does not read (1.0 and 1.2 only).
        case unsupportedPcapngVersion(major: UInt16, minor: UInt16)
        /// A later section with a major version other than 1.
        case unknownPcapngMajorVersion(UInt16)
        /// A later section header whose byte-order magic is neither order.
        case badByteOrderMagic
        /// A block length below the 12 bytes of header and trailer.
        case blockTooSmall(length: UInt32)
        /// A block length that is not a multiple of 4.
        case blockLengthNotMultipleOfFour(length: UInt32)
        /// A block longer than the largest plausible block.
        case blockTooLarge(length: UInt32, maximum: UInt32)
        /// The lengths at the start and end of a block differ.
        case blockLengthMismatch(header: UInt32, trailer: UInt32)
        /// A block's fixed fields or an option run past its end.
        case blockTooShort(blockType: UInt32)
        /// An interface description block option that libpcap rejects (its message).
        case invalidInterfaceOption(InterfaceOptionProblem)
        /// The file has no interface description block at all.
        case noInterfaces
        /// A packet block came before any interface description block.
        case packetBeforeInterface
        /// A packet names an interface the section has not described.
        case unknownInterface(UInt32)

        /// The one-line message for the user.
        public var description: String {
            switch self {
            case .cannotOpen(let path, let code): "\(path): \(errorText(code))"
            case .readFailed(let code): "error reading dump file: \(errorText(code))"
            case .unknownFormat: "unknown file format"
            case .truncatedFileHeader(let expected, let got):
                "truncated dump file; tried to read \(expected) file header bytes, only got \(got)"
            case .archaicVersion: "archaic pcap savefile format"
            case .unsupportedPcapVersion(let major, let minor):
                "unsupported pcap savefile version \(major).\(minor)"
            case .truncatedRecordHeader(let expected, let got):
                "truncated dump file; tried to read \(expected) header bytes, only got \(got)"
            case .truncatedPacketData(let expected, let got):
                "truncated dump file; tried to read \(expected) captured bytes, only got \(got)"
            case .captureLengthExceedsSnapshot(let length, let snapshot):
                "invalid packet capture length \(length), bigger than snaplen of \(snapshot)"
            case .captureLengthExceedsMaximum(let length, let maximum):
                "invalid packet capture length \(length), bigger than maximum of \(maximum)"
            case .truncatedBlock(let expected, let got):
                "truncated pcapng dump file; tried to read \(expected) bytes, only got \(got)"
            case .invalidSectionHeaderLength(let length):
                "Section Header Block in pcapng dump file has invalid length 28 < _\(length)_ < \(PcapngLimits.sectionHeaderMaximum) (BT_SHB_INSANE_MAX)"
            case .unsupportedPcapngVersion(let major, let minor):
                "unsupported pcapng savefile version \(major).\(minor)"
            case .unknownPcapngMajorVersion(let major):
                "unknown pcapng savefile major version number \(major)"
            case .badByteOrderMagic: "the file has a section with a bad byte order magic field"
            case .blockTooSmall(let length): "block in pcapng dump file has a length of \(length) < 12"
            case .blockLengthNotMultipleOfFour(let length):
                "block in pcapng dump file has a length of \(length) that is not a multiple of 4"
            case .blockTooLarge(let length, let maximum): "pcapng block size \(length) > maximum \(maximum)"
            // libpcap 1.10.3 says this without the numbers; master adds them.
            case .blockLengthMismatch: "block total length in header and trailer don't match"
            case .blockTooShort(let type): "block of type \(type) in pcapng dump file is too short"
            case .invalidInterfaceOption(let problem): problem.description
            case .noInterfaces: "the capture file has no Interface Description Blocks"
            case .packetBeforeInterface:
                "the capture file has a packet block before any Interface Description Blocks"
            case .unknownInterface(let id):
                "a packet arrived on interface \(id), but there's no Interface Description Block for that interface"
            }
        }
    }

    /// An interface description block option that libpcap refuses.
    public enum InterfaceOptionProblem: Hashable, Sendable, CustomStringConvertible {
        /// opt_endofopt with a non-zero length.
        case endOfOptionsLength(UInt16)
        /// if_tsresol whose length is not 1.
        case timestampResolutionLength(UInt16)
        /// if_tsresol given twice.
        case duplicateTimestampResolution
        /// if_tsresol of 2^-n with n above 63.
        case binaryResolutionTooHigh(UInt8)
        /// if_tsresol of 10^-n with n above 19.
        case decimalResolutionTooHigh(UInt8)
        /// if_tsoffset whose length is not 8.
        case timestampOffsetLength(UInt16)
        /// if_tsoffset given twice.
        case duplicateTimestampOffset

        /// libpcap's message.
        public var description: String {
            switch self {
            case .endOfOptionsLength(let n):
                "Interface Description Block has opt_endofopt option with length \(n) != 0"
            case .timestampResolutionLength(let n):
                "Interface Description Block has if_tsresol option with length \(n) != 1"
            case .duplicateTimestampResolution: "Interface Description Block has more than one if_tsresol option"
            case .binaryResolutionTooHigh(let n):
                "Interface Description Block if_tsresol option resolution 2^-\(n) is too high"
            case .decimalResolutionTooHigh(let n):
                "Interface Description Block if_tsresol option resolution 10^-\(n) is too high"
            case .timestampOffsetLength(let n):
                "Interface Description Block has if_tsoffset option with length \(n) != 8"
            case .duplicateTimestampOffset: "Interface Description Block has more than one if_tsoffset option"
            }
        }
    }
}

/// The C library's text for an errno value (`strerror`).
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}
