/// The 32-bit link-type field of a pcap file header: the link type in the low 16 bits and,
/// above it, whether the packets end with a frame check sequence and how long it is.
///
/// Bits 16–25 are reserved. libpcap 1.10.3 keeps bits 16–25 in the link type (so a file
/// with reserved bits set gets an unknown DLT_); libpcap master takes the low 16 bits as the
/// registry says, and so do we.
public struct LinkTypeField: Hashable, Sendable {
    /// The link-layer header type (the low 16 bits).
    public var linkType: LinkType
    /// The FCS length in bytes when the F bit (bit 26) says it is present, else nil.
    public var fcsLength: Int?
    /// The reserved bits 16–25 and 27, as found (zero in well-formed files).
    public var reservedBits: UInt32

    private static let fcsPresentBit: UInt32 = 0x0400_0000
    private static let reservedMask: UInt32 = 0x0BFF_0000

    /// Splits a header's field into its parts.
    public init(rawValue: UInt32) {
        linkType = LinkType(rawValue: rawValue & 0xFFFF)
        // The length counts 16-bit words in the top four bits.
        fcsLength = rawValue & Self.fcsPresentBit != 0 ? Int(rawValue >> 28) * 2 : nil
        reservedBits = rawValue & Self.reservedMask
    }

    /// A field for a link type with no FCS information.
    public init(linkType: LinkType, fcsLength: Int? = nil) {
        self.linkType = linkType
        self.fcsLength = fcsLength.map { min(max($0, 0), 30) & ~1 }
        self.reservedBits = 0
    }

    /// The field as written in a pcap header.
    public var rawValue: UInt32 {
        var value = (linkType.rawValue & 0xFFFF) | reservedBits
        if let fcsLength {
            value |= Self.fcsPresentBit | (UInt32(fcsLength / 2) & 0xF) << 28
        }
        return value
    }
}

extension LinkType {
    /// The largest captured length libpcap 1.10.3 considers sane for this link type
    /// (`max_snaplen_for_dlt`): records longer than this are treated as corruption.
    public var maximumSnapshotLength: UInt32 {
        switch dlt {
        case 231: 128 * 1024 * 1024  // DBUS: messages can be that large
        case 249: 1024 * 1024        // USBPCAP: USB transfers exceed 256 KiB
        case 279: 8 * 1024 * 1024    // EBHSCR
        default: 262_144
        }
    }

    /// The snapshot length libpcap 1.10.3 uses for a header's value
    /// (`pcap_adjust_snapshot`): values that are not positive as a C `int` mean "the
    /// maximum"; other values stand, even above the maximum.
    public func effectiveSnapshotLength(_ headerValue: UInt32) -> UInt32 {
        headerValue == 0 || headerValue > UInt32(Int32.max) ? maximumSnapshotLength : headerValue
    }
}
