/// A packet lent by a reader: its bytes point into the reader's buffer and stay valid only
/// until the reader's next read (or until the reader is gone). Copy it to keep it.
public struct PacketView {
    /// When the packet was captured.
    public var timestamp: Timestamp
    /// The length of the packet on the wire, which may exceed `bytes.count`.
    public var originalLength: UInt32
    /// The captured bytes, starting at the link-layer header.
    public var bytes: UnsafeRawBufferPointer
    /// The link-layer header type of `bytes`.
    public var linkType: LinkType
    /// The interface the packet arrived on: its index among the current pcapng section's
    /// interface description blocks (0 in pcap files).
    public var interfaceIndex: Int

    /// Creates a view over bytes the caller keeps alive while the view is used.
    public init(timestamp: Timestamp, originalLength: UInt32, bytes: UnsafeRawBufferPointer, linkType: LinkType,
                interfaceIndex: Int = 0) {
        self.timestamp = timestamp
        self.originalLength = originalLength
        self.bytes = bytes
        self.linkType = linkType
        self.interfaceIndex = interfaceIndex
    }

    /// The number of captured bytes.
    public var captureLength: UInt32 { UInt32(truncatingIfNeeded: bytes.count) }

    /// An owned copy of the packet.
    public func copy() -> CapturedPacket {
        CapturedPacket(timestamp: timestamp, originalLength: originalLength, data: Array(bytes),
                       linkType: linkType, interfaceIndex: interfaceIndex)
    }
}
