/// A point in time as capture files record it: seconds since the epoch plus nanoseconds.
public struct Timestamp: Hashable, Comparable, Sendable {
    /// Whole seconds since 1970-01-01 00:00:00 UTC.
    public var seconds: Int64
    /// Nanoseconds within the second, `0..<1_000_000_000`.
    public var nanoseconds: UInt32

    /// Creates a timestamp from seconds and nanoseconds within the second.
    public init(seconds: Int64, nanoseconds: UInt32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}

/// One packet read from a capture file or a live socket, with the bytes it owns.
public struct CapturedPacket: Hashable, Sendable {
    /// When the packet was captured.
    public var timestamp: Timestamp
    /// The length of the packet on the wire, which may exceed `data.count`.
    public var originalLength: UInt32
    /// The captured bytes, starting at the link-layer header.
    public var data: [UInt8]
    /// The link-layer header type of `data`.
    public var linkType: LinkType
    /// The pcapng interface the packet arrived on (0 in pcap files).
    public var interfaceIndex: Int

    /// Creates a packet.
    public init(timestamp: Timestamp, originalLength: UInt32, data: [UInt8], linkType: LinkType,
                interfaceIndex: Int = 0) {
        self.timestamp = timestamp
        self.originalLength = originalLength
        self.data = data
        self.linkType = linkType
        self.interfaceIndex = interfaceIndex
    }
}
